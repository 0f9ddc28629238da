"""The documents of the corpus (see corpus_tool.py). Each step: (rhs LaTeX, value function, right?[, provable[, mistake]])."""
import math
from math import exp, log, pi, sqrt, lgamma

from corpus_tool import Doc, EN, EX, sig
from scipy.integrate import quad

R, W = True, False  # right step, wrong step
L2 = lambda v: log(v) / log(2)


def npdf(z, mu, s):
    return exp(-(z - mu) ** 2 / (2 * s * s)) / sqrt(2 * pi * s * s)


def kl_gauss(m1, s1, m2, s2):
    return log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5


def jekyll(d, title, extra=()):
    d.text("---", "layout: post", f"title: \"{title}\"", "date: 2021-06-12 10:00:00 +0200", "categories: [machine-learning]", *extra, "---", "")


def hugo(d, title, extra=()):
    d.text("---", f"title: \"{title}\"", "date: 2023-02-01", "draft: false", "tags: [\"math\", \"notes\"]", *extra, "---", "")


def build():
    docs = []

    # 1 ------------------------------------------------------------------ log rules
    d = Doc("log-rules-jekyll", "logarithm rules; log of a sum; powers")
    jekyll(d, "Logarithm rules you will use in every derivation")
    d.text("<!-- symkl: assume a > 0 -->", "<!-- symkl: assume b > 0 -->", "<!-- symkl: assume c > 0 -->", "")
    d.text("When a derivation takes the log of a density, three rules do all the work. For positive $a$, $b$ and $c$:", "")
    d.chain("align", r"\log \frac{a^2 b}{c}", lambda w: log(w.a ** 2 * w.b / w.c), [
        (r"\log a^2 + \log b - \log c", lambda w: log(w.a ** 2) + log(w.b) - log(w.c), R),
        (r"2 \log a + \log b - \log c", lambda w: 2 * log(w.a) + log(w.b) - log(w.c), R),
        (r"2 \log a + \log \frac{b}{c}", lambda w: 2 * log(w.a) + log(w.b / w.c), R),
    ])
    d.blank().text("A very common slip is to treat the log of a sum like the log of a product:", "")
    d.chain("plain", r"\log(a + b)", lambda w: log(w.a + w.b), [
        (r"\log a + \log b", lambda w: log(w.a) + log(w.b), W, False, "log(a+b) = log a + log b"),
    ])
    d.blank().text("The honest way to split a sum is to factor out one of its terms:", "")
    d.chain("align", r"\log(a + b)", lambda w: log(w.a + w.b), [
        (r"\log\left(a \left(1 + \frac{b}{a}\right)\right)", lambda w: log(w.a * (1 + w.b / w.a)), R),
        (r"\log a + \log\left(1 + \frac{b}{a}\right)", lambda w: log(w.a) + log(1 + w.b / w.a), R),
    ])
    d.blank()
    d.inline("Powers come down as factors, so ", r"\log \sqrt{a}", lambda w: log(sqrt(w.a)), [(r"\frac{1}{2} \log a", lambda w: 0.5 * log(w.a), R)], ", but careful with reciprocals:")
    d.blank()
    d.chain("plain", r"\log \frac{1}{a}", lambda w: log(1 / w.a), [(r"\log a", lambda w: log(w.a), W, False, "sign lost: log(1/a) = -log a")])
    d.blank().text("and with powers whose exponent is itself a symbol:", "")
    d.chain("plain", r"\log a^{b}", lambda w: log(w.a ** w.b), [(r"a \log b", lambda w: w.a * log(w.b), W, False, "base and exponent swapped")])
    d.blank()
    d.inline("The correct version is ", r"\log a^{b}", lambda w: log(w.a ** w.b), [(r"b \log a", lambda w: w.b * log(w.a), R)], ".")
    docs.append(d)

    # 2 ------------------------------------------------------------------ powers (README, math fences)
    d = Doc("power-rules-readme", "power rules; (a+b)^2; adding exponents")
    d.text("# Power rules cheat sheet", "", "Quick reference for the power rules used in the notebooks of this repository.", "",
           "<!-- symkl:", "  assume a > 0", "  assume b > 0", "-->", "", "## Products and quotients", "")
    d.chain("fence", r"(a^2 b)^3", lambda w: (w.a ** 2 * w.b) ** 3, [
        (r"a^{2 \cdot 3} b^3", lambda w: w.a ** 6 * w.b ** 3, R, True),
        (r"a^6 b^3", lambda w: w.a ** 6 * w.b ** 3, R, True),
    ])
    d.blank()
    d.chain("fence", r"\frac{a^5 b}{a^2}", lambda w: w.a ** 5 * w.b / w.a ** 2, [(r"a^3 b", lambda w: w.a ** 3 * w.b, R, True)])
    d.blank().text("## Squares of sums", "", "Squaring a sum does **not** square each term:", "")
    d.chain("fence", r"(a + b)^2", lambda w: (w.a + w.b) ** 2, [(r"a^2 + b^2", lambda w: w.a ** 2 + w.b ** 2, W, False, "(a+b)^2 = a^2 + b^2")])
    d.blank().text("Multiply it out instead:", "")
    d.chain("fence", r"(a + b)^2", lambda w: (w.a + w.b) ** 2, [
        (r"(a + b)(a + b)", lambda w: (w.a + w.b) * (w.a + w.b), R, True),
        (r"a^2 + 2ab + b^2", lambda w: w.a ** 2 + 2 * w.a * w.b + w.b ** 2, R, True),
    ])
    d.blank().text("## Negative and fractional exponents", "")
    d.chain("fence", r"a^{-2}", lambda w: w.a ** -2, [(r"\frac{1}{a^2}", lambda w: 1 / w.a ** 2, R, True)])
    d.blank()
    d.chain("fence", r"a^{1/2} a^{1/3}", lambda w: w.a ** 0.5 * w.a ** (1 / 3), [(r"a^{1/6}", lambda w: w.a ** (1 / 6), W, False, "exponents multiplied instead of added")])
    d.blank().text("(it is $a^{5/6}$).")
    docs.append(d)

    # 3 ------------------------------------------------------------------ fractions (Hugo, brackets)
    d = Doc("partial-fractions-hugo", "fractions, partial fractions, telescoping sum")
    hugo(d, "Partial fractions and a telescoping sum")
    d.text("The telescoping trick starts from a partial fraction decomposition:", "")
    d.chain("bracket", r"\frac{1}{x(x+1)}", lambda w: 1 / (w.x * (w.x + 1)), [
        (r"\frac{(x + 1) - x}{x(x+1)}", lambda w: ((w.x + 1) - w.x) / (w.x * (w.x + 1)), R, True),
        (r"\frac{1}{x} - \frac{1}{x + 1}", lambda w: 1 / w.x - 1 / (w.x + 1), R, True),
    ])
    d.blank().text("so that the partial sums collapse:", "")
    d.chain("bracket", r"\sum_{k=1}^{n} \frac{1}{k(k+1)}", lambda w: sum(1 / (k * (k + 1)) for k in range(1, w.n + 1)), [
        (r"\sum_{k=1}^{n} \left(\frac{1}{k} - \frac{1}{k+1}\right)", lambda w: sum(1 / k - 1 / (k + 1) for k in range(1, w.n + 1)), R),
        (r"1 - \frac{1}{n + 1}", lambda w: 1 - 1 / (w.n + 1), R),
    ])
    d.blank().text("Adding reciprocals needs a common denominator:", "")
    d.chain("bracket", r"\frac{1}{x} + \frac{1}{y}", lambda w: 1 / w.x + 1 / w.y, [
        (r"\frac{x + y}{x y}", lambda w: (w.x + w.y) / (w.x * w.y), R, True),
        (r"\frac{1}{x + y}", lambda w: 1 / (w.x + w.y), W, False, "1/x + 1/y = 1/(x+y)"),
    ])
    d.blank().text("and a term can only be cancelled when it is a factor of both:", "")
    d.chain("bracket", r"\frac{a + b}{a + c}", lambda w: (w.a + w.b) / (w.a + w.c), [(r"\frac{b}{c}", lambda w: w.b / w.c, W, False, "cancelled a term of a sum")])
    d.blank()
    d.chain("bracket", r"\frac{a + b}{a}", lambda w: (w.a + w.b) / w.a, [(r"1 + \frac{b}{a}", lambda w: 1 + w.b / w.a, R, True)])
    docs.append(d)

    # 4 ------------------------------------------------------------------ expansions, several = on one line
    d = Doc("expansions-one-line", "polynomial expansions, several = on one line")
    d.text("Expansions", "==========", "", "Each line below is one display, with the intermediate steps on the same line.", "")
    d.chain("oneline", r"(x - y)(x + y)", lambda w: (w.x - w.y) * (w.x + w.y), [
        (r"x^2 + xy - xy - y^2", lambda w: w.x ** 2 + w.x * w.y - w.x * w.y - w.y ** 2, R, True),
        (r"x^2 - y^2", lambda w: w.x ** 2 - w.y ** 2, R, True),
    ])
    d.blank()
    d.chain("oneline", r"(x + y)^3", lambda w: (w.x + w.y) ** 3, [(r"x^3 + 3x^2 y + 3x y^2 + y^3", lambda w: w.x ** 3 + 3 * w.x ** 2 * w.y + 3 * w.x * w.y ** 2 + w.y ** 3, R, True)])
    d.blank()
    d.chain("oneline", r"(x - y)^2", lambda w: (w.x - w.y) ** 2, [(r"x^2 - y^2", lambda w: w.x ** 2 - w.y ** 2, W, False, "(a-b)^2 = a^2 - b^2")])
    d.blank()
    d.chain("oneline", r"(x - y)^2", lambda w: (w.x - w.y) ** 2, [
        (r"x^2 - 2xy + y^2", lambda w: w.x ** 2 - 2 * w.x * w.y + w.y ** 2, R, True),
        (r"(y - x)^2", lambda w: (w.y - w.x) ** 2, R, True),
    ])
    d.blank()
    d.chain("oneline", r"(x + 1)(x - 2)", lambda w: (w.x + 1) * (w.x - 2), [(r"x^2 - x - 2", lambda w: w.x ** 2 - w.x - 2, R, True)])
    d.blank()
    d.chain("oneline", r"(2x + 3)^2", lambda w: (2 * w.x + 3) ** 2, [(r"4x^2 + 6x + 9", lambda w: 4 * w.x ** 2 + 6 * w.x + 9, W, False, "cross term halved (12x)")])
    docs.append(d)

    # 5 ------------------------------------------------------------------ completing the square (aligned in a paragraph)
    d = Doc("completing-the-square", "completing the square; Gaussian exponent")
    d.text("## Completing the square", "", "We will need this for every Gaussian integral. Add and subtract $\\frac{b^2}{4}$:", "")
    d.chain("aligned", r"x^2 + b x + c", lambda w: w.x ** 2 + w.b * w.x + w.c, [
        (r"x^2 + b x + \frac{b^2}{4} - \frac{b^2}{4} + c", lambda w: w.x ** 2 + w.b * w.x + w.b ** 2 / 4 - w.b ** 2 / 4 + w.c, R, True),
        (r"\left(x + \frac{b}{2}\right)^2 + c - \frac{b^2}{4}", lambda w: (w.x + w.b / 2) ** 2 + w.c - w.b ** 2 / 4, R, True),
    ])
    d.blank().text("With a leading coefficient the same idea gives", "")
    d.chain("aligned", r"a x^2 + b x", lambda w: w.a * w.x ** 2 + w.b * w.x, [(r"a\left(x + \frac{b}{2a}\right)^2 - \frac{b^2}{4a}", lambda w: w.a * (w.x + w.b / (2 * w.a)) ** 2 - w.b ** 2 / (4 * w.a), R, True)])
    d.blank().text("but not, as I first wrote,", "")
    d.chain("aligned", r"x^2 - 2 m x", lambda w: w.x ** 2 - 2 * w.m * w.x, [(r"(x - m)^2", lambda w: (w.x - w.m) ** 2, W, False, "forgot the -m^2")])
    d.blank().text("For the Gaussian exponent, expanding the square gives", "")
    d.chain("aligned", r"-\frac{x^2 - 2\mu x + \mu^2}{2\sigma^2}", lambda w: -(w.x ** 2 - 2 * w.mu * w.x + w.mu ** 2) / (2 * w.s ** 2), [
        (r"-\frac{x^2}{2\sigma^2} + \frac{\mu x}{\sigma^2} - \frac{\mu^2}{2\sigma^2}", lambda w: -w.x ** 2 / (2 * w.s ** 2) + w.mu * w.x / w.s ** 2 - w.mu ** 2 / (2 * w.s ** 2), R, True),
        (r"-\frac{x^2}{2\sigma^2} + \frac{\mu x}{2\sigma^2} - \frac{\mu^2}{2\sigma^2}", lambda w: -w.x ** 2 / (2 * w.s ** 2) + w.mu * w.x / (2 * w.s ** 2) - w.mu ** 2 / (2 * w.s ** 2), W, False, "lost the factor 2 of the cross term"),
    ])
    docs.append(d)

    # 6 ------------------------------------------------------------------ Gaussian log density
    d = Doc("gaussian-log-density", "log of the Gaussian density; dropped 1/2")
    jekyll(d, "The log-density of a Gaussian")
    d.text("<!-- symkl: assume \\sigma > 0 -->", "", "The density of $\\mathcal{N}(\\mu, \\sigma^2)$ is", "", "$$",
           r"p(x) = \frac{1}{\sqrt{2 \pi \sigma^2}} \exp\left(-\frac{(x - \mu)^2}{2 \sigma^2}\right)", "$$", "",
           "Taking logs turns the product into a sum:", "")
    lp = lambda w: log(npdf(w.x, w.mu, w.s))
    d.chain("align", r"\log p(x)", lp, [
        (r"\log \frac{1}{\sqrt{2 \pi \sigma^2}} - \frac{(x - \mu)^2}{2 \sigma^2}", lambda w: log(1 / sqrt(2 * pi * w.s ** 2)) - (w.x - w.mu) ** 2 / (2 * w.s ** 2), R),
        (r"-\frac{1}{2} \log (2 \pi \sigma^2) - \frac{(x - \mu)^2}{2 \sigma^2}", lambda w: -0.5 * log(2 * pi * w.s ** 2) - (w.x - w.mu) ** 2 / (2 * w.s ** 2), R),
        (r"-\log (2 \pi \sigma^2) - \frac{(x - \mu)^2}{2 \sigma^2}", lambda w: -log(2 * pi * w.s ** 2) - (w.x - w.mu) ** 2 / (2 * w.s ** 2), W, False, "dropped factor 1/2 on the log"),
    ])
    d.blank().text("Oops, the last line lost the $\\frac{1}{2}$. Starting again from the second line and splitting the log:", "")
    d.chain("align", r"\log p(x)", lp, [
        (r"-\frac{1}{2} \log(2\pi) - \log \sigma - \frac{(x - \mu)^2}{2 \sigma^2}", lambda w: -0.5 * log(2 * pi) - log(w.s) - (w.x - w.mu) ** 2 / (2 * w.s ** 2), R),
    ])
    d.blank()
    d.inline("At the mean, ", r"\log p(\mu)", lambda w: log(npdf(w.mu, w.mu, w.s)), [(r"-\log \sigma - \frac{1}{2} \log(2\pi)", lambda w: -log(w.s) - 0.5 * log(2 * pi), R)], ", and one standard deviation away")
    d.blank()
    d.chain("plain", r"\log p(\mu + \sigma)", lambda w: log(npdf(w.mu + w.s, w.mu, w.s)), [(r"\log p(\mu) - 1", lambda w: log(npdf(w.mu, w.mu, w.s)) - 1, W, False, "should be -1/2")])
    docs.append(d)

    # 7 ------------------------------------------------------------------ Gaussian entropy with integrals
    d = Doc("gaussian-entropy", "differential entropy of a Gaussian")
    jekyll(d, "Entropy of a Gaussian, step by step", ["symkl:", r"  - q(z) = \mathcal{N}(z; \mu, \sigma^2)", r"  - assume \sigma > 0"])
    lq = lambda w, z: log(npdf(z, w.mu, w.s))
    H = lambda w: 0.5 * log(2 * pi * w.s ** 2) + 0.5
    d.text("Write the entropy as an integral and insert the log-density:", "")
    d.chain("align", r"-\int q(z) \log q(z) \, dz", lambda w: EN(lambda z: -lq(w, z), w.mu, w.s), [
        (r"\int q(z) \left[\frac{1}{2} \log(2 \pi \sigma^2) + \frac{(z - \mu)^2}{2 \sigma^2}\right] dz", lambda w: EN(lambda z: 0.5 * log(2 * pi * w.s ** 2) + (z - w.mu) ** 2 / (2 * w.s ** 2), w.mu, w.s), R),
        (r"\frac{1}{2} \log(2 \pi \sigma^2) \int q(z) \, dz + \frac{1}{2 \sigma^2} \int (z - \mu)^2 q(z) \, dz", lambda w: 0.5 * log(2 * pi * w.s ** 2) * EN(lambda z: 1, w.mu, w.s) + EN(lambda z: (z - w.mu) ** 2, w.mu, w.s) / (2 * w.s ** 2), R),
        (r"\frac{1}{2} \log(2 \pi \sigma^2) + \frac{1}{2 \sigma^2} \cdot \sigma^2", H, R),
        (r"\frac{1}{2} \log(2 \pi \sigma^2) + 1", lambda w: 0.5 * log(2 * pi * w.s ** 2) + 1, W, False, "1/2 became 1"),
    ])
    d.blank().text("Writing the constant as a logarithm:", "")
    d.cont("align", [(r"\frac{1}{2} \log(2 \pi \sigma^2) + \log e", lambda w: 0.5 * log(2 * pi * w.s ** 2) + 1, R)])
    d.blank().text("That is one nat too many. With the correct $\\frac{1}{2}$:", "")
    d.chain("align", r"\frac{1}{2} \log(2 \pi \sigma^2) + \frac{1}{2}", H, [
        (r"\frac{1}{2} \log(2 \pi e \sigma^2)", lambda w: 0.5 * log(2 * pi * e_ * w.s ** 2), R),
        (r"\log\left(\sigma \sqrt{2 \pi e}\right)", lambda w: log(w.s * sqrt(2 * pi * e_)), R),
    ])
    d.blank()
    d.inline("The variance term uses ", r"\int (z - \mu)^2 q(z) \, dz", lambda w: EN(lambda z: (z - w.mu) ** 2, w.mu, w.s), [(r"\sigma", lambda w: w.s, W, False, "variance written as the standard deviation")], " (a typo in the first version of this post).")
    docs.append(d)

    # 8 ------------------------------------------------------------------ KL between two Gaussians (split)
    d = Doc("kl-two-gaussians", "KL between two univariate Gaussians; wrong variance term")
    hugo(d, "KL divergence between two Gaussians")
    d.text(r"<!-- symkl: p(x) = \mathcal{N}(x; \mu_1, \sigma_1^2) -->", r"<!-- symkl: q(x) = \mathcal{N}(x; \mu_2, \sigma_2^2) -->", "",
           "With $p = \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $q = \\mathcal{N}(\\mu_2, \\sigma_2^2)$:", "")
    kl = lambda w: kl_gauss(w.mu1, w.s1, w.mu2, w.s2)
    d.chain("split", r"D_{KL}(p \parallel q)", kl, [
        (r"\int p(x) \log \frac{p(x)}{q(x)} \, dx", lambda w: EN(lambda x: log(npdf(x, w.mu1, w.s1) / npdf(x, w.mu2, w.s2)), w.mu1, w.s1), R),
        (r"\int p(x) \left[\log \frac{\sigma_2}{\sigma_1} - \frac{(x - \mu_1)^2}{2\sigma_1^2} + \frac{(x - \mu_2)^2}{2\sigma_2^2}\right] dx", lambda w: EN(lambda x: log(w.s2 / w.s1) - (x - w.mu1) ** 2 / (2 * w.s1 ** 2) + (x - w.mu2) ** 2 / (2 * w.s2 ** 2), w.mu1, w.s1), R),
        (r"\log \frac{\sigma_2}{\sigma_1} - \frac{1}{2} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2}", kl, R),
    ])
    d.blank().text("Several write-ups give the variance term with $\\sigma_1$ instead of $\\sigma_1^2$:", "")
    d.chain("plain", r"D_{KL}(p \parallel q)", kl, [(r"\log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac{1}{2}", lambda w: log(w.s2 / w.s1) + (w.s1 + (w.mu1 - w.mu2) ** 2) / (2 * w.s2 ** 2) - 0.5, W, False, "sigma_1 instead of sigma_1^2")])
    d.blank().text("and others invert the ratio in the first term:", "")
    d.chain("plain", r"D_{KL}(p \parallel q)", kl, [(r"\log \frac{\sigma_1}{\sigma_2} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac{1}{2}", lambda w: log(w.s1 / w.s2) + (w.s1 ** 2 + (w.mu1 - w.mu2) ** 2) / (2 * w.s2 ** 2) - 0.5, W, False, "log ratio inverted")])
    docs.append(d)

    # 9 ------------------------------------------------------------------ VAE KL term, $$ per line like the seed
    d = Doc("vae-kl-term", "the VAE KL term against N(0,1); sign error on mu^2")
    d.text("# The KL term of the VAE loss", "", r"<!-- symkl: q(z) = \mathcal{N}(z; \mu, \sigma^2) -->", r"<!-- symkl: p(z) = \mathcal{N}(z; 0, 1) -->", "",
           "The encoder outputs $\\mu$ and $\\sigma$; the prior is a standard normal. The closed form is", "")
    klv = lambda w: kl_gauss(w.mu, w.s, 0.0, 1.0)
    d.chain("lines", r"KL(q \| p)", klv, [
        (r"-\frac{1}{2}\left(1 + \log \sigma^2 - \mu^2 - \sigma^2\right)", lambda w: -0.5 * (1 + log(w.s ** 2) - w.mu ** 2 - w.s ** 2), R),
        (r"-\frac{1}{2} - \log \sigma + \frac{1}{2}\mu^2 + \frac{1}{2}\sigma^2", lambda w: -0.5 - log(w.s) + 0.5 * w.mu ** 2 + 0.5 * w.s ** 2, R),
    ])
    d.blank().text("Its two parts are the cross-entropy and the entropy:", "")
    d.gather([
        (r"\mathbb{E}_{q}[-\log p(z)]", lambda w: EN(lambda z: -log(npdf(z, 0, 1)), w.mu, w.s), r"\frac{1}{2}\log(2\pi) + \frac{1}{2}(\mu^2 + \sigma^2)", lambda w: 0.5 * log(2 * pi) + 0.5 * (w.mu ** 2 + w.s ** 2), R),
        (r"\mathbb{E}_{q}[-\log q(z)]", lambda w: EN(lambda z: -log(npdf(z, w.mu, w.s)), w.mu, w.s), r"\frac{1}{2}\log(2\pi\sigma^2) + \frac{1}{2}", lambda w: 0.5 * log(2 * pi * w.s ** 2) + 0.5, R),
        (r"\mathbb{E}_{q}[z^2]", lambda w: EN(lambda z: z * z, w.mu, w.s), r"\mu^2", lambda w: w.mu ** 2, W, False, "dropped the variance"),
    ])
    d.blank().text("A version that circulates in code comments has the sign of $\\mu^2$ flipped:", "")
    d.chain("plain", r"KL(q \| p)", klv, [(r"-\frac{1}{2}\left(1 + \log \sigma^2 + \mu^2 - \sigma^2\right)", lambda w: -0.5 * (1 + log(w.s ** 2) + w.mu ** 2 - w.s ** 2), W, False, "sign error on mu^2")])
    docs.append(d)

    # 10 ----------------------------------------------------------------- multivariate VAE KL with sums (align)
    d = Doc("vae-kl-multivariate", "diagonal Gaussian KL summed over D dimensions")
    jekyll(d, "The VAE KL term in D dimensions")
    d.text("For a diagonal Gaussian the KL term is a sum over the $D$ latent dimensions:", "")
    S = lambda f, w: sum(f(w.muv[i], w.sv[i]) for i in range(w.D))
    d.chain("alignnum", r"-\frac{1}{2} \sum_{d=1}^{D} \left(1 + \log \sigma_d^2 - \mu_d^2 - \sigma_d^2\right)", lambda w: -0.5 * S(lambda m, s: 1 + log(s * s) - m * m - s * s, w), [
        (r"-\frac{D}{2} - \frac{1}{2} \sum_{d=1}^{D} \log \sigma_d^2 + \frac{1}{2} \sum_{d=1}^{D} \left(\mu_d^2 + \sigma_d^2\right)", lambda w: -w.D / 2 - 0.5 * S(lambda m, s: log(s * s), w) + 0.5 * S(lambda m, s: m * m + s * s, w), R),
        (r"-\frac{D}{2} - \sum_{d=1}^{D} \log \sigma_d + \frac{1}{2} \sum_{d=1}^{D} \left(\mu_d^2 + \sigma_d^2\right)", lambda w: -w.D / 2 - S(lambda m, s: log(s), w) + 0.5 * S(lambda m, s: m * m + s * s, w), R),
        (r"-D - \sum_{d=1}^{D} \log \sigma_d + \frac{1}{2} \sum_{d=1}^{D} \left(\mu_d^2 + \sigma_d^2\right)", lambda w: -w.D - S(lambda m, s: log(s), w) + 0.5 * S(lambda m, s: m * m + s * s, w), W, False, "dropped 1/2 on the constant"),
    ])
    d.blank().text("Constants move freely in and out of the sum, logs of sums do not split:", "")
    d.gather([
        (r"\sum_{d=1}^{D} \frac{1}{2} \mu_d^2", lambda w: S(lambda m, s: 0.5 * m * m, w), r"\frac{1}{2} \sum_{d=1}^{D} \mu_d^2", lambda w: 0.5 * S(lambda m, s: m * m, w), R),
        (r"\sum_{d=1}^{D} \log \sigma_d^2", lambda w: S(lambda m, s: log(s * s), w), r"\log \sum_{d=1}^{D} \sigma_d^2", lambda w: log(S(lambda m, s: s * s, w)), W, False, "sum of logs taken as log of sum"),
    ])
    docs.append(d)

    # 11 ----------------------------------------------------------------- cross-entropy identity (brackets, discrete)
    d = Doc("cross-entropy-identity", "H(p,q) = H(p) + KL(p||q) for discrete distributions")
    hugo(d, "Cross-entropy, entropy and KL")
    d.text("For discrete distributions $p$ and $q$ on the same finite set, add and subtract $\\sum_x p(x) \\log p(x)$:", "")
    Hpq = lambda w: -sum(pi_ * log(qi) for pi_, qi in zip(w.p, w.q))
    Hp = lambda w: -sum(pi_ * log(pi_) for pi_ in w.p)
    KLpq = lambda w: sum(pi_ * log(pi_ / qi) for pi_, qi in zip(w.p, w.q))
    KLqp = lambda w: sum(qi * log(qi / pi_) for pi_, qi in zip(w.p, w.q))
    d.chain("bracket", r"H(p, q)", Hpq, [
        (r"-\sum_{x} p(x) \log q(x)", Hpq, R),
        (r"-\sum_{x} p(x) \log p(x) + \sum_{x} p(x) \log \frac{p(x)}{q(x)}", lambda w: Hp(w) + KLpq(w), R),
        (r"H(p) + D_{KL}(p \parallel q)", lambda w: Hp(w) + KLpq(w), R),
    ])
    d.blank().text("Getting the sign wrong gives", "")
    d.chain("bracket", r"H(p, q)", Hpq, [(r"H(p) - D_{KL}(p \parallel q)", lambda w: Hp(w) - KLpq(w), W, False, "sign of the KL term")])
    d.blank().text("and the divergence is not symmetric in its arguments:", "")
    d.chain("bracket", r"D_{KL}(p \parallel q)", KLpq, [(r"\sum_{x} q(x) \log \frac{q(x)}{p(x)}", KLqp, W, False, "arguments swapped")])
    d.blank()
    d.inline("What does hold is Gibbs' inequality, ", r"D_{KL}(p \parallel q)", KLpq, [("0", lambda w: 0.0, R)], ".", rel=r"\geq")
    docs.append(d)

    # 12 ----------------------------------------------------------------- binary cross-entropy with logits
    d = Doc("binary-cross-entropy-logits", "BCE with logits; log-sigmoid identities")
    d.text("# Binary cross-entropy from logits", "", "Let the model output a logit $t$ and let $y$ be the target. The sigmoid gives", "")
    d.chain("fence", r"\log \frac{1}{1 + e^{-t}}", lambda w: log(sig(w.t)), [(r"-\log(1 + e^{-t})", lambda w: -log(1 + exp(-w.t)), R)])
    d.blank().text("and for the complement", "")
    d.chain("fence", r"\log\left(1 - \frac{1}{1 + e^{-t}}\right)", lambda w: log(1 - sig(w.t)), [
        (r"\log \frac{e^{-t}}{1 + e^{-t}}", lambda w: log(exp(-w.t) / (1 + exp(-w.t))), R),
        (r"-t - \log(1 + e^{-t})", lambda w: -w.t - log(1 + exp(-w.t)), R),
        (r"-\log(1 + e^{t})", lambda w: -log(1 + exp(w.t)), R),
    ])
    d.blank()
    d.inline("(not ", r"\log\left(1 - \frac{1}{1 + e^{-t}}\right)", lambda w: log(1 - sig(w.t)), [(r"-\log(1 + e^{-t})", lambda w: -log(1 + exp(-w.t)), W, False, "complement taken as the same term")], ", which is the first one again). So the loss is")
    d.blank()
    bce = lambda w: -w.y * log(sig(w.t)) - (1 - w.y) * log(1 - sig(w.t))
    d.chain("fence", r"-y \log \frac{1}{1 + e^{-t}} - (1 - y) \log \frac{e^{-t}}{1 + e^{-t}}", bce, [
        (r"y \log(1 + e^{-t}) + (1 - y)\left(t + \log(1 + e^{-t})\right)", lambda w: w.y * log(1 + exp(-w.t)) + (1 - w.y) * (w.t + log(1 + exp(-w.t))), R),
        (r"\log(1 + e^{-t}) + (1 - y) t", lambda w: log(1 + exp(-w.t)) + (1 - w.y) * w.t, R),
        (r"\log(1 + e^{t}) - y t", lambda w: log(1 + exp(w.t)) - w.y * w.t, R),
    ])
    d.blank().text("The stable form uses", "")
    d.chain("plain", r"\log(1 + e^{-t})", lambda w: log(1 + exp(-w.t)), [(r"\log(1 + e^{t}) + t", lambda w: log(1 + exp(w.t)) + w.t, W, False, "sign error: should be - t")])
    docs.append(d)

    # 13 ----------------------------------------------------------------- softmax / log-sum-exp
    d = Doc("softmax-log-sum-exp", "log-softmax, log-sum-exp shift")
    d.text("Log-softmax and the log-sum-exp trick", "---------------------------------------", "", "For three logits $x_1, x_2, x_3$:", "")
    lse = lambda w: log(sum(exp(v) for v in w.xv[:3]))
    d.chain("align", r"\log \frac{e^{x_1}}{e^{x_1} + e^{x_2} + e^{x_3}}", lambda w: w.xv[0] - lse(w), [(r"x_1 - \log\left(e^{x_1} + e^{x_2} + e^{x_3}\right)", lambda w: w.xv[0] - lse(w), R)])
    d.blank().text("Subtracting any $m$ (usually the largest logit) inside the sum does not change it:", "")
    d.chain("align", r"\log\left(e^{x_1} + e^{x_2} + e^{x_3}\right)", lse, [(r"m + \log\left(e^{x_1 - m} + e^{x_2 - m} + e^{x_3 - m}\right)", lambda w: w.m + log(sum(exp(v - w.m) for v in w.xv[:3])), R)])
    d.blank().text("It is **not** the sum of the logits:", "")
    d.chain("align", r"\log\left(e^{x_1} + e^{x_2} + e^{x_3}\right)", lse, [(r"x_1 + x_2 + x_3", lambda w: sum(w.xv[:3]), W, False, "log of a sum of exponentials taken as the sum")])
    d.blank().text("For two classes the softmax is a sigmoid of the difference:", "")
    d.gather([
        (r"\frac{e^{x_1}}{e^{x_1} + e^{x_2}}", lambda w: exp(w.xv[0]) / (exp(w.xv[0]) + exp(w.xv[1])), r"\frac{1}{1 + e^{x_2 - x_1}}", lambda w: 1 / (1 + exp(w.xv[1] - w.xv[0])), R),
        (r"\frac{e^{x_2}}{e^{x_1} + e^{x_2}}", lambda w: exp(w.xv[1]) / (exp(w.xv[0]) + exp(w.xv[1])), r"\frac{1}{1 + e^{x_2 - x_1}}", lambda w: 1 / (1 + exp(w.xv[1] - w.xv[0])), W, False, "sign in the exponent"),
    ])
    docs.append(d)

    # 14 ----------------------------------------------------------------- exponential entropy
    d = Doc("exponential-entropy", "entropy of the exponential distribution")
    jekyll(d, "Entropy of the exponential distribution")
    d.text(r"<!-- symkl: p(x) = \lambda e^{-\lambda x} -->", r"<!-- symkl: assume \lambda > 0 -->", "",
           "The exponential density is $p(x) = \\lambda e^{-\\lambda x}$ for non-negative $x$, so $\\log p(x) = \\log \\lambda - \\lambda x$ and", "")
    Hx = lambda w: 1 - log(w.lam)
    d.chain("align", r"-\int_0^\infty p(x) \log p(x) \, dx", lambda w: EX(lambda x: -(log(w.lam) - w.lam * x), w.lam), [
        (r"-\int_0^\infty \lambda e^{-\lambda x} \left(\log \lambda - \lambda x\right) dx", lambda w: EX(lambda x: -(log(w.lam) - w.lam * x), w.lam), R),
        (r"-\log \lambda + \lambda \int_0^\infty x \lambda e^{-\lambda x} \, dx", lambda w: -log(w.lam) + w.lam * EX(lambda x: x, w.lam), R),
        (r"-\log \lambda + \lambda \cdot \frac{1}{\lambda}", Hx, R),
        (r"1 - \log \lambda", Hx, R),
    ])
    d.blank().text("Two slips I have seen in lecture notes:", "")
    d.gather([
        (r"\int_0^\infty x \lambda e^{-\lambda x} \, dx", lambda w: EX(lambda x: x, w.lam), r"\lambda", lambda w: w.lam, W, False, "the mean is 1/lambda"),
        (r"-\int_0^\infty p(x) \log p(x) \, dx", Hx, r"1 + \log \lambda", lambda w: 1 + log(w.lam), W, False, "sign of the log term"),
    ])
    docs.append(d)

    # 15 ----------------------------------------------------------------- exponential KL (TOML front matter)
    d = Doc("exponential-kl-toml", "KL between exponential distributions; Hugo TOML front matter")
    d.text("+++", "title = \"KL between two exponentials\"", "date = 2022-11-20", "draft = false", "+++", "",
           r"<!-- symkl: p(x) = \lambda_1 e^{-\lambda_1 x} -->", r"<!-- symkl: q(x) = \lambda_2 e^{-\lambda_2 x} -->", "",
           "The log-ratio is linear in $x$, and $\\int_0^\\infty x \\, p(x) \\, dx = 1/\\lambda_1$:", "")
    klx = lambda w: log(w.lam1 / w.lam2) + w.lam2 / w.lam1 - 1
    d.chain("split", r"\int_0^\infty p(x) \log \frac{p(x)}{q(x)} \, dx", lambda w: EX(lambda x: (log(w.lam1) - w.lam1 * x) - (log(w.lam2) - w.lam2 * x), w.lam1), [
        (r"\int_0^\infty p(x) \left(\log \frac{\lambda_1}{\lambda_2} - (\lambda_1 - \lambda_2) x\right) dx", lambda w: EX(lambda x: log(w.lam1 / w.lam2) - (w.lam1 - w.lam2) * x, w.lam1), R),
        (r"\log \frac{\lambda_1}{\lambda_2} - \frac{\lambda_1 - \lambda_2}{\lambda_1}", lambda w: log(w.lam1 / w.lam2) - (w.lam1 - w.lam2) / w.lam1, R),
        (r"\log \frac{\lambda_1}{\lambda_2} + \frac{\lambda_2}{\lambda_1} - 1", klx, R),
    ])
    d.blank().text("Careful with the ratio in the last step:", "")
    d.chain("split", r"\log \frac{\lambda_1}{\lambda_2} - \frac{\lambda_1 - \lambda_2}{\lambda_1}", klx, [(r"\log \frac{\lambda_1}{\lambda_2} + \frac{\lambda_1}{\lambda_2} - 1", lambda w: log(w.lam1 / w.lam2) + w.lam1 / w.lam2 - 1, W, False, "ratio inverted")])
    d.blank().text("and with the sign of the linear term:", "")
    d.chain("lines", r"\log \frac{p(x)}{q(x)}", lambda w: log(w.lam1 / w.lam2) - (w.lam1 - w.lam2) * w.x, [(r"\log \frac{\lambda_1}{\lambda_2} - (\lambda_1 + \lambda_2) x", lambda w: log(w.lam1 / w.lam2) - (w.lam1 + w.lam2) * w.x, W, False, "sign of lambda_2")])
    docs.append(d)

    # 16 ----------------------------------------------------------------- Bernoulli KL (gather)
    d = Doc("bernoulli-kl", "KL and entropy of Bernoulli distributions")
    d.text("# Bernoulli KL", "", r"<!-- symkl: assume 0 < \theta < 1 -->", r"<!-- symkl: assume 0 < \phi < 1 -->", "",
           "For Bernoulli distributions with parameters $\\theta$ and $\\phi$:", "")
    bkl = lambda w: w.pa * log(w.pa / w.pb) + (1 - w.pa) * log((1 - w.pa) / (1 - w.pb))
    d.gather([
        (r"\theta \log \frac{\theta}{\phi} + (1 - \theta) \log \frac{1 - \theta}{1 - \phi}", bkl, r"\theta \log \theta - \theta \log \phi + (1 - \theta) \log (1 - \theta) - (1 - \theta) \log (1 - \phi)", lambda w: w.pa * log(w.pa) - w.pa * log(w.pb) + (1 - w.pa) * log(1 - w.pa) - (1 - w.pa) * log(1 - w.pb), R),
        (r"-\theta \log \theta - (1 - \theta) \log (1 - \theta)", lambda w: -w.pa * log(w.pa) - (1 - w.pa) * log(1 - w.pa), r"-\log(1 - \theta) - \theta \log \frac{\theta}{1 - \theta}", lambda w: -log(1 - w.pa) - w.pa * log(w.pa / (1 - w.pa)), R),
    ])
    d.blank().text("Two mistakes from a homework solution:", "")
    d.gather([
        (r"\theta \log \frac{\theta}{\phi} + (1 - \theta) \log \frac{1 - \theta}{1 - \phi}", bkl, r"\theta \log \frac{\theta}{\phi} + \log \frac{1 - \theta}{1 - \phi}", lambda w: w.pa * log(w.pa / w.pb) + log((1 - w.pa) / (1 - w.pb)), W, False, "missing the (1 - theta) weight"),
        (r"\log \frac{1 - \theta}{1 - \phi}", lambda w: log((1 - w.pa) / (1 - w.pb)), r"\frac{\log (1 - \theta)}{\log (1 - \phi)}", lambda w: log(1 - w.pa) / log(1 - w.pb), W, False, "log of a ratio as a ratio of logs"),
    ])
    docs.append(d)

    # 17 ----------------------------------------------------------------- Poisson KL (infinite sums)
    d = Doc("poisson-kl", "KL between Poisson distributions; infinite sums")
    jekyll(d, "KL divergence between two Poisson distributions")
    pois = lambda k, l: exp(k * log(l) - l - lgamma(k + 1))
    Sk = lambda f: sum(f(k) for k in range(0, 120))
    logratio = lambda k, w: (k * log(w.lam1) - w.lam1) - (k * log(w.lam2) - w.lam2)
    klp = lambda w: w.lam1 * log(w.lam1 / w.lam2) - w.lam1 + w.lam2
    d.text("Both are Poisson, with rates $\\lambda_1$ and $\\lambda_2$. The log-ratio of the probabilities is linear in $k$:", "")
    inner = lambda w: Sk(lambda k: pois(k, w.lam1) * (k * log(w.lam1 / w.lam2) - w.lam1 + w.lam2))
    d.chain("align", r"\sum_{k=0}^{\infty} \frac{\lambda_1^k e^{-\lambda_1}}{k!} \log \frac{\lambda_1^k e^{-\lambda_1}}{\lambda_2^k e^{-\lambda_2}}", lambda w: Sk(lambda k: pois(k, w.lam1) * logratio(k, w)), [
        (r"\sum_{k=0}^{\infty} \frac{\lambda_1^k e^{-\lambda_1}}{k!} \left(k \log \frac{\lambda_1}{\lambda_2} - \lambda_1 + \lambda_2\right)", inner, R),
        (r"\lambda_1 \log \frac{\lambda_1}{\lambda_2} - \lambda_1 + \lambda_2", klp, R),
    ])
    d.blank().text("The mean of a Poisson is its rate, not its square:", "")
    d.gather([
        (r"\sum_{k=0}^{\infty} k \frac{\lambda_1^k e^{-\lambda_1}}{k!}", lambda w: Sk(lambda k: k * pois(k, w.lam1)), r"\lambda_1", lambda w: w.lam1, R),
        (r"\sum_{k=0}^{\infty} k \frac{\lambda_2^k e^{-\lambda_2}}{k!}", lambda w: Sk(lambda k: k * pois(k, w.lam2)), r"\lambda_2^2", lambda w: w.lam2 ** 2, W, False, "mean of a Poisson is lambda"),
    ])
    d.blank().text("and the constant terms keep their signs:", "")
    d.chain("align", r"\sum_{k=0}^{\infty} \frac{\lambda_1^k e^{-\lambda_1}}{k!} \left(k \log \frac{\lambda_1}{\lambda_2} - \lambda_1 + \lambda_2\right)", inner, [(r"\lambda_1 \log \frac{\lambda_1}{\lambda_2} + \lambda_1 - \lambda_2", lambda w: w.lam1 * log(w.lam1 / w.lam2) + w.lam1 - w.lam2, W, False, "signs of the constant terms")])
    docs.append(d)

    # 18 ----------------------------------------------------------------- Laplace entropy
    d = Doc("laplace-entropy", "entropy of the Laplace distribution")
    hugo(d, "Entropy of the Laplace distribution")
    d.text(r"<!-- symkl: p(x) = \frac{1}{2b} e^{-|x - m|/b} -->", r"<!-- symkl: assume b > 0 -->", "",
           "The Laplace density with location $m$ and scale $b$ has $-\\log p(x) = \\log(2b) + |x - m|/b$, hence", "")
    lap = lambda x, w: exp(-abs(x - w.m) / w.b) / (2 * w.b)
    EL = lambda f, w: quad(lambda x: f(x) * lap(x, w), -math.inf, w.m, limit=400)[0] + quad(lambda x: f(x) * lap(x, w), w.m, math.inf, limit=400)[0]
    Hl = lambda w: log(2 * w.b) + 1
    d.chain("bracket", r"-\int_{-\infty}^{\infty} p(x) \log p(x) \, dx", lambda w: EL(lambda x: -(-log(2 * w.b) - abs(x - w.m) / w.b), w), [
        (r"\int_{-\infty}^{\infty} p(x) \left(\log(2b) + \frac{|x - m|}{b}\right) dx", lambda w: EL(lambda x: log(2 * w.b) + abs(x - w.m) / w.b, w), R),
        (r"\log(2b) + \frac{1}{b} \int_{-\infty}^{\infty} |x - m| \, p(x) \, dx", lambda w: log(2 * w.b) + EL(lambda x: abs(x - w.m), w) / w.b, R),
        (r"\log(2b) + 1", Hl, R),
        (r"\log(2 e b)", lambda w: log(2 * e_ * w.b), R),
    ])
    d.blank().text("The mean absolute deviation is the scale itself:", "")
    d.chain("bracket", r"\int_{-\infty}^{\infty} |x - m| \, p(x) \, dx", lambda w: EL(lambda x: abs(x - w.m), w), [(r"2b", lambda w: 2 * w.b, W, False, "mean absolute deviation is b")])
    d.blank().text("and the logarithm of a product is not a power:", "")
    d.chain("bracket", r"\log(2b) + 1", Hl, [(r"2 \log b + 1", lambda w: 2 * log(w.b) + 1, W, False, "log(2b) = 2 log b")])
    docs.append(d)

    # 19 ----------------------------------------------------------------- uniform KL (plain $$ blocks)
    d = Doc("uniform-kl", "KL and entropy of uniform distributions")
    d.text("Uniform distributions", "=====================", "", r"<!-- symkl: assume 0 < a < b -->", "",
           "For $p = U(0, a)$ and $q = U(0, b)$ with $a$ smaller than $b$ the densities are constant on the support of $p$:", "")
    d.chain("plain", r"\int_0^a \frac{1}{a} \log \frac{1/a}{1/b} \, dx", lambda w: log(w.b / w.a), [(r"\log \frac{b}{a}", lambda w: log(w.b / w.a), R)])
    d.blank().text("not", "")
    d.chain("plain", r"\int_0^a \frac{1}{a} \log \frac{1/a}{1/b} \, dx", lambda w: log(w.b / w.a), [(r"\log \frac{a}{b}", lambda w: log(w.a / w.b), W, False, "ratio inverted")])
    d.blank().text("The entropy of $U(0, a)$:", "")
    d.chain("plain", r"-\int_0^a \frac{1}{a} \log \frac{1}{a} \, dx", lambda w: log(w.a), [(r"\log a", lambda w: log(w.a), R)])
    d.blank()
    d.chain("plain", r"-\int_0^a \frac{1}{a} \log \frac{1}{a} \, dx", lambda w: log(w.a), [(r"-\log a", lambda w: -log(w.a), W, False, "sign")])
    docs.append(d)

    # 20 ----------------------------------------------------------------- square roots and absolute values
    d = Doc("square-roots", "sqrt of squares; sigma positive by convention, x - mu not")
    d.text("## Square roots of squares", "", "Standard deviations are positive, so this one is fine:", "")
    d.chain("fence", r"\sqrt{\sigma^2}", lambda w: sqrt(w.s ** 2), [(r"\sigma", lambda w: w.s, R)])
    d.blank().text("but $x - \\mu$ can be negative:", "")
    d.chain("fence", r"\sqrt{(x - \mu)^2}", lambda w: sqrt((w.x - w.mu) ** 2), [(r"x - \mu", lambda w: w.x - w.mu, W, False, "sqrt of a square is the absolute value")])
    d.blank()
    d.chain("fence", r"\sqrt{(x - \mu)^2}", lambda w: sqrt((w.x - w.mu) ** 2), [(r"|x - \mu|", lambda w: abs(w.x - w.mu), R)])
    d.blank().text("The same with a time variable $t$ of either sign:", "")
    d.chain("fence", r"\sqrt{4 \sigma^2 t^2}", lambda w: sqrt(4 * w.s ** 2 * w.t ** 2), [(r"2 \sigma t", lambda w: 2 * w.s * w.t, W, False, "t may be negative")])
    d.blank()
    d.chain("fence", r"\sqrt{4 \sigma^2 t^2}", lambda w: sqrt(4 * w.s ** 2 * w.t ** 2), [(r"2 \sigma |t|", lambda w: 2 * w.s * abs(w.t), R)])
    d.blank().text("And the root of a sum is not the sum of the roots:", "")
    d.chain("fence", r"\sqrt{a^2 + b^2}", lambda w: sqrt(w.a ** 2 + w.b ** 2), [(r"a + b", lambda w: w.a + w.b, W, False, "root of a sum")])
    docs.append(d)

    # 21 ----------------------------------------------------------------- Gaussian moments
    d = Doc("gaussian-moments", "moments of a Gaussian; dropped variance")
    jekyll(d, "Moments of the normal distribution")
    d.text(r"<!-- symkl: z \sim \mathcal{N}(\mu, \sigma^2) -->", "", "Let $z \\sim \\mathcal{N}(\\mu, \\sigma^2)$. Writing $z = (z - \\mu) + \\mu$:", "")
    d.chain("align", r"\mathbb{E}[z^2]", lambda w: EN(lambda z: z * z, w.mu, w.s), [
        (r"\mathbb{E}[(z - \mu + \mu)^2]", lambda w: EN(lambda z: (z - w.mu + w.mu) ** 2, w.mu, w.s), R),
        (r"\mathbb{E}[(z - \mu)^2] + 2\mu \, \mathbb{E}[z - \mu] + \mu^2", lambda w: EN(lambda z: (z - w.mu) ** 2, w.mu, w.s) + 2 * w.mu * EN(lambda z: z - w.mu, w.mu, w.s) + w.mu ** 2, R),
        (r"\sigma^2 + \mu^2", lambda w: w.s ** 2 + w.mu ** 2, R),
    ])
    d.blank().text("A few more, some of them wrong (from a quiz):", "")
    d.gather([
        (r"\mathbb{E}[(z - \mu)^2]", lambda w: EN(lambda z: (z - w.mu) ** 2, w.mu, w.s), r"\sigma^2", lambda w: w.s ** 2, R),
        (r"\mathbb{E}[z^2]", lambda w: EN(lambda z: z * z, w.mu, w.s), r"\mu^2", lambda w: w.mu ** 2, W, False, "dropped the variance"),
        (r"\mathbb{E}[(z - \mu)^4]", lambda w: EN(lambda z: (z - w.mu) ** 4, w.mu, w.s), r"3\sigma^4", lambda w: 3 * w.s ** 4, R),
        (r"\mathbb{E}[(z - \mu)^3]", lambda w: EN(lambda z: (z - w.mu) ** 3, w.mu, w.s), r"\sigma^3", lambda w: w.s ** 3, W, False, "odd central moments vanish"),
        (r"\mathbb{E}[(2z - 2\mu)^2]", lambda w: EN(lambda z: (2 * z - 2 * w.mu) ** 2, w.mu, w.s), r"2\sigma^2", lambda w: 2 * w.s ** 2, W, False, "variance scales with the square"),
    ])
    docs.append(d)

    # 22 ----------------------------------------------------------------- KL in expectation form, chain continued in the next display
    d = Doc("kl-expectation-form", "KL(q||p) for the VAE; sign error; chain continued with &=")
    hugo(d, "KL of the approximate posterior, the long way")
    d.text(r"<!-- symkl: q(z) = \mathcal{N}(z; \mu, \sigma^2) -->", r"<!-- symkl: p(z) = \mathcal{N}(z; 0, 1) -->", "", "By definition", "")
    klv = lambda w: kl_gauss(w.mu, w.s, 0.0, 1.0)
    Ilq = lambda w: EN(lambda z: log(npdf(z, w.mu, w.s)), w.mu, w.s)
    Ilp = lambda w: EN(lambda z: log(npdf(z, 0.0, 1.0)), w.mu, w.s)
    d.chain("align", r"KL(q \| p)", klv, [
        (r"\int q(z) \log \frac{q(z)}{p(z)} \, dz", lambda w: EN(lambda z: log(npdf(z, w.mu, w.s) / npdf(z, 0, 1)), w.mu, w.s), R),
        (r"\int q(z) \log q(z) \, dz - \int q(z) \log p(z) \, dz", lambda w: Ilq(w) - Ilp(w), R),
        (r"\int q(z) \log q(z) \, dz + \int q(z) \log p(z) \, dz", lambda w: Ilq(w) + Ilp(w), W, False, "sign error on the cross term"),
    ])
    d.blank().text("The last line is a typo; redoing it as cross-entropy minus entropy:", "")
    d.chain("align", r"KL(q \| p)", klv, [(r"-\int q(z) \log p(z) \, dz - \left(-\int q(z) \log q(z) \, dz\right)", lambda w: -Ilp(w) + Ilq(w), R)])
    d.blank().text("Both integrals were computed in the previous post, so", "")
    d.cont("align", [
        (r"\frac{1}{2}\log(2\pi) + \frac{1}{2}(\mu^2 + \sigma^2) - \frac{1}{2}\log(2\pi\sigma^2) - \frac{1}{2}", lambda w: 0.5 * log(2 * pi) + 0.5 * (w.mu ** 2 + w.s ** 2) - 0.5 * log(2 * pi * w.s ** 2) - 0.5, R),
        (r"\frac{1}{2}\left(\mu^2 + \sigma^2 - 1 - \log \sigma^2\right)", lambda w: 0.5 * (w.mu ** 2 + w.s ** 2 - 1 - log(w.s ** 2)), R),
        (r"\frac{1}{2}\left(\mu^2 + \sigma^2 - 1\right) - \log \sigma^2", lambda w: 0.5 * (w.mu ** 2 + w.s ** 2 - 1) - log(w.s ** 2), W, False, "dropped 1/2 on the log term"),
    ])
    docs.append(d)

    # 23 ----------------------------------------------------------------- entropy in bits (log base 2 from front matter)
    d = Doc("discrete-entropy-bits", "discrete entropy in bits; log base 2 from the front matter")
    jekyll(d, "Entropy in bits", ["symkl: log base 2"])
    d.text("All logarithms in this post are base 2. A fair coin carries one bit:", "")
    d.chain("lines", r"-\frac{1}{2} \log \frac{1}{2} - \frac{1}{2} \log \frac{1}{2}", lambda w: -0.5 * L2(0.5) - 0.5 * L2(0.5), [
        (r"\log 2", lambda w: L2(2), R),
        (r"1", lambda w: 1.0, R),
    ])
    d.blank().text("A uniform distribution on $n$ outcomes carries $\\log n$ bits:", "")
    d.chain("lines", r"-\sum_{i=1}^{n} \frac{1}{n} \log \frac{1}{n}", lambda w: -sum(1 / w.n * L2(1 / w.n) for _ in range(w.n)), [(r"\log n", lambda w: L2(w.n), R)])
    d.blank().text("not", "")
    d.chain("lines", r"-\sum_{i=1}^{n} \frac{1}{n} \log \frac{1}{n}", lambda w: L2(w.n), [(r"n \log n", lambda w: w.n * L2(w.n), W, False, "forgot the 1/n weights")])
    d.blank().text("A biased coin carries less than one bit:", "")
    d.chain("lines", r"-\frac{1}{4} \log \frac{1}{4} - \frac{3}{4} \log \frac{3}{4}", lambda w: -0.25 * L2(0.25) - 0.75 * L2(0.75), [(r"1", lambda w: 1.0, W, False, "it is about 0.811 bits")])
    d.blank()
    d.inline("Also, ", r"\log 8", lambda w: L2(8), [("3", lambda w: 3.0, R, True)], " in bits.")
    docs.append(d)

    # 24 ----------------------------------------------------------------- inequalities
    d = Doc("jensen-inequalities", "inequalities: Jensen, AM-GM, log(1+a) <= a; not-equal")
    d.text("# Inequalities that keep showing up", "", "<!-- symkl: assume a > 0 -->", "<!-- symkl: assume b > 0 -->", "", "Concavity of the logarithm (Jensen):", "")
    d.chain("plain", r"\log \frac{a + b}{2}", lambda w: log((w.a + w.b) / 2), [(r"\frac{\log a + \log b}{2}", lambda w: (log(w.a) + log(w.b)) / 2, R)], rel=r"\geq")
    d.blank().text("which is the AM-GM inequality in disguise:", "")
    d.chain("plain", r"\frac{a + b}{2}", lambda w: (w.a + w.b) / 2, [(r"\sqrt{a b}", lambda w: sqrt(w.a * w.b), R)], rel=r"\geq")
    d.blank().text("It does not hold the other way round:", "")
    d.chain("plain", r"\frac{a + b}{2}", lambda w: (w.a + w.b) / 2, [(r"\sqrt{a b}", lambda w: sqrt(w.a * w.b), W, False, "inequality reversed")], rel=r"\leq")
    d.blank().text("The tangent line bounds:", "")
    d.chain("plain", r"\log(1 + a)", lambda w: log(1 + w.a), [(r"a", lambda w: w.a, R)], rel=r"\leq")
    d.blank()
    d.chain("plain", r"e^{x}", lambda w: exp(w.x), [(r"1 + x", lambda w: 1 + w.x, W, False, "e^x >= 1 + x, not <=")], rel=r"\leq")
    d.blank()
    d.inline("And of course ", r"\log(a + b)", lambda w: log(w.a + w.b), [(r"\log a + \log b", lambda w: log(w.a) + log(w.b), R)], " in general.", rel=r"\neq")
    docs.append(d)

    # 25 ----------------------------------------------------------------- product of Gaussians: precision algebra (aligned)
    d = Doc("gaussian-product-precision", "combining two Gaussians: precisions add")
    hugo(d, "Multiplying two Gaussian densities")
    d.text("The product of $\\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $\\mathcal{N}(x; \\mu_2, \\sigma_2^2)$ is proportional to a Gaussian whose precision is the sum of the precisions:", "")
    v = lambda w: 1 / (1 / w.s1 ** 2 + 1 / w.s2 ** 2)
    d.chain("aligned", r"\frac{1}{\frac{1}{\sigma_1^2} + \frac{1}{\sigma_2^2}}", v, [(r"\frac{\sigma_1^2 \sigma_2^2}{\sigma_1^2 + \sigma_2^2}", lambda w: w.s1 ** 2 * w.s2 ** 2 / (w.s1 ** 2 + w.s2 ** 2), R, True)])
    d.blank().text("(and not the sum of the variances:)", "")
    d.chain("aligned", r"\frac{1}{\frac{1}{\sigma_1^2} + \frac{1}{\sigma_2^2}}", v, [(r"\sigma_1^2 + \sigma_2^2", lambda w: w.s1 ** 2 + w.s2 ** 2, W, False, "inverted the sum term by term")])
    d.blank().text("The mean is the precision-weighted average:", "")
    m = lambda w: (w.s2 ** 2 * w.mu1 + w.s1 ** 2 * w.mu2) / (w.s1 ** 2 + w.s2 ** 2)
    d.chain("aligned", r"\frac{\sigma_2^2 \mu_1 + \sigma_1^2 \mu_2}{\sigma_1^2 + \sigma_2^2}", m, [
        (r"\mu_1 + \frac{\sigma_1^2}{\sigma_1^2 + \sigma_2^2} (\mu_2 - \mu_1)", lambda w: w.mu1 + w.s1 ** 2 / (w.s1 ** 2 + w.s2 ** 2) * (w.mu2 - w.mu1), R, True),
        (r"\frac{\mu_1 + \mu_2}{2}", lambda w: (w.mu1 + w.mu2) / 2, W, False, "precision weights dropped"),
    ])
    docs.append(d)

    # 26 ----------------------------------------------------------------- log-variance parameterisation
    d = Doc("log-variance-parameterisation", "the encoder predicts log sigma^2; missing 1/2")
    d.text("## Why the encoder predicts $\\log \\sigma^2$", "", "The network outputs an unconstrained number and we exponentiate it. The identities we rely on:", "")
    d.gather([
        (r"\sigma", lambda w: w.s, r"e^{\frac{1}{2} \log \sigma^2}", lambda w: exp(0.5 * log(w.s ** 2)), R),
        (r"\sigma^2", lambda w: w.s ** 2, r"e^{\log \sigma^2}", lambda w: exp(log(w.s ** 2)), R),
        (r"\log \sigma", lambda w: log(w.s), r"\frac{1}{2} \log \sigma^2", lambda w: 0.5 * log(w.s ** 2), R),
        (r"\sigma", lambda w: w.s, r"e^{\log \sigma^2}", lambda w: exp(log(w.s ** 2)), W, False, "missing the 1/2 in the exponent"),
    ])
    d.blank()
    d.inline("The reparameterised sample is $z = \\mu + \\sigma \\epsilon$, so ", r"z - \mu", lambda w: w.s * w.t, [(r"\sigma^2 \epsilon", lambda w: w.s ** 2 * w.t, W, False, "standard deviation vs variance")], " (wrong: it is $\\sigma \\epsilon$).")
    d.blank()
    d.text("<!-- symkl: skip -->", "", "$$", r"z = \mu + \sigma \epsilon", "$$", "", "(the display above defines the sample and is not a claim).")
    docs.append(d)

    # 27 ----------------------------------------------------------------- ELBO decomposition with abstract densities
    d = Doc("elbo-log-ratio", "ELBO integrand decomposition with abstract densities")
    jekyll(d, "Where the ELBO comes from")
    d.text("Inside the expectation of the ELBO sits a log-ratio. Splitting it:", "")
    d.chain("align", r"\log \frac{p(x \mid z) p(z)}{q(z)}", lambda w: log(w.pxz * w.pz / w.qz), [
        (r"\log p(x \mid z) + \log p(z) - \log q(z)", lambda w: log(w.pxz) + log(w.pz) - log(w.qz), R),
        (r"\log p(x \mid z) - \log \frac{q(z)}{p(z)}", lambda w: log(w.pxz) - log(w.qz / w.pz), R),
    ])
    d.blank().text("so the ELBO is the expected log-likelihood minus a KL term. With the sign flipped, the KL would be rewarded:", "")
    d.chain("align", r"\log \frac{p(x \mid z) p(z)}{q(z)}", lambda w: log(w.pxz * w.pz / w.qz), [(r"\log p(x \mid z) + \log \frac{q(z)}{p(z)}", lambda w: log(w.pxz) + log(w.qz / w.pz), W, False, "sign of the KL term")])
    d.blank().text("Mixture likelihoods are where people slip most:", "")
    d.chain("align", r"\log \left(p(x \mid z) + p(z)\right)", lambda w: log(w.pxz + w.pz), [(r"\log p(x \mid z) + \log p(z)", lambda w: log(w.pxz) + log(w.pz), W, False, "log of a sum")])
    docs.append(d)

    # 28 ----------------------------------------------------------------- logistic sigmoid identities (Hugo, fences)
    d = Doc("logistic-sigmoid", "sigmoid identities; complement; log-odds")
    hugo(d, "Sigmoid identities")
    sg = lambda w: sig(w.t)
    d.chain("fence", r"\frac{1}{1 + e^{-t}}", sg, [(r"\frac{e^{t}}{e^{t} + 1}", lambda w: exp(w.t) / (exp(w.t) + 1), R)])
    d.blank()
    d.chain("fence", r"1 - \frac{1}{1 + e^{-t}}", lambda w: 1 - sg(w), [(r"\frac{1}{1 + e^{t}}", lambda w: 1 / (1 + exp(w.t)), R)])
    d.blank().text("A tempting but wrong shortcut:", "")
    d.chain("fence", r"1 - \frac{1}{1 + e^{-t}}", lambda w: 1 - sg(w), [(r"\frac{1}{1 + e^{-t}}", sg, W, False, "complement equal to itself")])
    d.blank().text("The derivative of the sigmoid is a product of the two:", "")
    d.chain("fence", r"\frac{1}{1 + e^{-t}} \left(1 - \frac{1}{1 + e^{-t}}\right)", lambda w: sg(w) * (1 - sg(w)), [(r"\frac{e^{-t}}{(1 + e^{-t})^2}", lambda w: exp(-w.t) / (1 + exp(-w.t)) ** 2, R)])
    d.blank()
    d.chain("fence", r"\frac{1}{1 + e^{-t}} \left(1 - \frac{1}{1 + e^{-t}}\right)", lambda w: sg(w) * (1 - sg(w)), [(r"\frac{e^{-t}}{1 + e^{-t}}", lambda w: exp(-w.t) / (1 + exp(-w.t)), W, False, "lost the square in the denominator")])
    d.blank().text("and the log-odds recover the logit:", "")
    d.chain("fence", r"\log \frac{\frac{1}{1 + e^{-t}}}{1 - \frac{1}{1 + e^{-t}}}", lambda w: log(sg(w) / (1 - sg(w))), [(r"t", lambda w: w.t, R)])
    docs.append(d)

    # 29 ----------------------------------------------------------------- geometric series
    d = Doc("geometric-series", "finite geometric and arithmetic sums; off by one")
    d.text("# Finite sums", "", r"<!-- symkl: assume n \geq 1 -->", "", "For $r \\neq 1$:", "")
    d.chain("align", r"\sum_{k=0}^{n-1} r^k", lambda w: sum(w.r ** k for k in range(w.n)), [(r"\frac{1 - r^n}{1 - r}", lambda w: (1 - w.r ** w.n) / (1 - w.r), R)])
    d.blank().text("An off-by-one version from my old notes:", "")
    d.chain("align", r"\sum_{k=0}^{n-1} r^k", lambda w: sum(w.r ** k for k in range(w.n)), [(r"\frac{1 - r^{n+1}}{1 - r}", lambda w: (1 - w.r ** (w.n + 1)) / (1 - w.r), W, False, "off by one in the exponent")])
    d.blank().text("Odd numbers add up to squares, even numbers do not:", "")
    d.gather([
        (r"\sum_{k=1}^{n} (2k - 1)", lambda w: sum(2 * k - 1 for k in range(1, w.n + 1)), r"n^2", lambda w: w.n ** 2, R),
        (r"\sum_{k=1}^{n} 2k", lambda w: sum(2 * k for k in range(1, w.n + 1)), r"n^2", lambda w: w.n ** 2, W, False, "it is n(n+1)"),
        (r"\sum_{k=1}^{n} 2k", lambda w: sum(2 * k for k in range(1, w.n + 1)), r"n(n + 1)", lambda w: w.n * (w.n + 1), R),
    ])
    docs.append(d)

    # 30 ----------------------------------------------------------------- arithmetic sums (Hugo, $$ lines and one line)
    d = Doc("arithmetic-sums", "sums of i and i^2; constant summed once")
    hugo(d, "Sums of powers")
    d.text("Gauss's trick gives", "")
    d.chain("lines", r"\sum_{i=1}^{n} i", lambda w: sum(range(1, w.n + 1)), [(r"\frac{n(n+1)}{2}", lambda w: w.n * (w.n + 1) / 2, R)])
    d.blank()
    d.chain("lines", r"\sum_{i=1}^{n} i^2", lambda w: sum(i * i for i in range(1, w.n + 1)), [(r"\frac{n(n+1)(2n+1)}{6}", lambda w: w.n * (w.n + 1) * (2 * w.n + 1) / 6, R)])
    d.blank().text("Two versions that are not right:", "")
    d.chain("oneline", r"\sum_{i=1}^{n} i", lambda w: sum(range(1, w.n + 1)), [(r"\frac{n^2}{2}", lambda w: w.n ** 2 / 2, W, False, "dropped the n/2 term")])
    d.blank()
    d.chain("oneline", r"\sum_{i=1}^{n} (i + 1)", lambda w: sum(i + 1 for i in range(1, w.n + 1)), [(r"\frac{n(n+1)}{2} + 1", lambda w: w.n * (w.n + 1) / 2 + 1, W, False, "the constant is summed n times")])
    d.blank().text("A constant summand just multiplies:", "")
    d.chain("oneline", r"\sum_{i=1}^{n} c", lambda w: w.n * w.c, [(r"n c", lambda w: w.n * w.c, R)])
    docs.append(d)

    # 31 ----------------------------------------------------------------- CRLF, BOM and mojibake
    d = Doc("windows-notes-mojibake", "CRLF line endings, a BOM, and mojibake integral signs")
    d.crlf = True
    d.bom = True
    d.text("Notes exported from Word", "", r"<!-- symkl: q(z) = \mathcal{N}(z; \mu, \sigma^2) -->", "", "The integral sign came through as garbage in the export, but the maths is readable:", "",
           "<!-- symkl: assume a > 0 --> <!-- symkl: assume b > 0 -->", "")
    d.raw(r"$$âˆ« q(z) \, dz = 1$$", r"âˆ« q(z) \, dz", lambda w: EN(lambda z: 1.0, w.mu, w.s), [("1", lambda w: 1.0, R)])
    d.raw(r"$$âˆ« z \, q(z) \, dz = \mu$$", r"âˆ« z \, q(z) \, dz", lambda w: EN(lambda z: z, w.mu, w.s), [(r"\mu", lambda w: w.mu, R)])
    d.raw(r"$$âˆ« z^2 q(z) \, dz = \mu^2$$", r"âˆ« z^2 q(z) \, dz", lambda w: EN(lambda z: z * z, w.mu, w.s), [(r"\mu^2", lambda w: w.mu ** 2, W, False, "dropped the variance")])
    d.blank().text("and in Unicode:", "")
    d.chain("align", r"∫ (z - \mu)^2 q(z) \, dz", lambda w: EN(lambda z: (z - w.mu) ** 2, w.mu, w.s), [(r"\sigma^2", lambda w: w.s ** 2, R)])
    d.blank()
    d.inline("Finally ", r"\log(a b)", lambda w: log(w.a * w.b), [(r"\log a \log b", lambda w: log(w.a) * log(w.b), W, False, "log of a product as a product of logs")], ".")
    docs.append(d)

    # 32 ----------------------------------------------------------------- PDF-extracted text (damaged LaTeX)
    d = Doc("pdf-extracted-gaussian", "text damaged by PDF extraction: rac{, egin{aligned}, \\ line breaks")
    d.text("6. Log-density of a univariate gaussian", "", "From the definition of gaussian distribution, we know that pdf of a gaussian is", "",
           r"$$p(x) = rac{1}{\sigma_1 \sqrt{2\pi}} e^{rac{-(x-\mu_1)^2}{2\sigma_1^2}}$$", "", "Let's calculate log(p(x))", "")
    lpx = lambda w: log(npdf(w.x, w.mu1, w.s1))
    d.raw(r"$$log(p(x)) = log(rac{1}{\sigma_1}) + log(rac{1}{\sqrt{2\pi}}) + (-rac{(x-\mu_1)^2}{2\sigma_1^2})$$", "log(p(x))", lpx,
          [(r"log(rac{1}{\sigma_1}) + log(rac{1}{\sqrt{2\pi}}) + (-rac{(x-\mu_1)^2}{2\sigma_1^2})", lpx, R)])
    d.blank()
    d.raw(r"$$egin{aligned} log(p(x)) &= -log(\sigma_1) + log(rac{1}{\sqrt{2\pi}}) - rac{(x-\mu_1)^2}{2\sigma_1^2} \ &= -log(\sigma_1 \sqrt{2\pi}) + rac{(x-\mu_1)^2}{2\sigma_1^2} \end{aligned}$$",
          "log(p(x))", lpx, [
              (r"-log(\sigma_1) + log(rac{1}{\sqrt{2\pi}}) - rac{(x-\mu_1)^2}{2\sigma_1^2}", lpx, R),
              (r"-log(\sigma_1 \sqrt{2\pi}) + rac{(x-\mu_1)^2}{2\sigma_1^2}", lambda w: -log(w.s1 * sqrt(2 * pi)) + (w.x - w.mu1) ** 2 / (2 * w.s1 ** 2), W, False, "sign of the quadratic term"),
          ])
    d.blank().text("Similarly the normalising constant:", "")
    d.raw(r"$$log(rac{1}{\sqrt{2\pi}}) = -rac{1}{2} log(2\pi) = -log(2\pi)$$", r"log(rac{1}{\sqrt{2\pi}})", lambda w: log(1 / sqrt(2 * pi)), [
        (r"-rac{1}{2} log(2\pi)", lambda w: -0.5 * log(2 * pi), R),
        (r"-log(2\pi)", lambda w: -log(2 * pi), W, False, "dropped factor 1/2"),
    ])
    docs.append(d)

    # 33 ----------------------------------------------------------------- KL asymmetry with concrete Gaussians
    d = Doc("kl-asymmetry-numbers", "KL between N(0,1) and N(1,4) both ways; not symmetric")
    d.text("# KL is not symmetric: a worked example", "", r"<!-- symkl: p(x) = \mathcal{N}(x; 0, 1) -->", r"<!-- symkl: q(x) = \mathcal{N}(x; 1, 4) -->", "",
           "Take $p = \\mathcal{N}(0, 1)$ and $q = \\mathcal{N}(1, 4)$ (variance 4, standard deviation 2). From the closed form:", "")
    a_ = kl_gauss(0, 1, 1, 2)
    b_ = kl_gauss(1, 2, 0, 1)
    d.gather([
        (r"D_{KL}(p \parallel q)", lambda w: a_, r"\log 2 - \frac{1}{4}", lambda w: log(2) - 0.25, R),
        (r"D_{KL}(q \parallel p)", lambda w: b_, r"2 - \log 2", lambda w: 2 - log(2), R),
        (r"D_{KL}(q \parallel p)", lambda w: b_, r"\log 2 - \frac{1}{4}", lambda w: log(2) - 0.25, W, False, "assumed symmetric"),
        (r"D_{KL}(p \parallel q)", lambda w: a_, r"\log 2 + \frac{1}{4}", lambda w: log(2) + 0.25, W, False, "sign of the constant"),
    ])
    d.blank()
    d.inline("So indeed ", r"D_{KL}(p \parallel q)", lambda w: a_, [(r"D_{KL}(q \parallel p)", lambda w: b_, R)], ".", rel=r"\neq")
    docs.append(d)

    return docs


e_ = math.e
