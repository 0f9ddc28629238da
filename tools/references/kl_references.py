#!/usr/bin/python3
"""Reference values of every scalar KL pair of SymKl at 80 significant digits, on a stress grid.

Writes tests/data/kl-references.tsv: one row per point with the generated method, its arguments (the exact
doubles, printed with 17 significant digits), p and q as torch.distributions takes them, the point class and
the divergence (17 significant digits, or Infinity). Each closed form is also checked against a numerical
integral (or sum) of p log(p/q) at ordinary points; the script stops if one disagrees.

Run with Debian's python3-mpmath:  /usr/bin/python3 tools/references/kl_references.py
"""
import math, random, sys, os
from mpmath import mp, mpf, log, exp, expm1, loggamma, digamma, erf, sqrt, pi, inf, quad, nsum, euler, log1p, binomial as mbinom

mp.dps = 80
psi1 = -euler

def xlogy(x, y):
    return mpf(0) if x == 0 else x * log(y)

def neg_entropy_beta(a, b):
    return (loggamma(a + b) - loggamma(a) - loggamma(b) + (a - 1) * (digamma(a) - digamma(a + b))
            + (b - 1) * (digamma(b) - digamma(a + b)))

def hlog(a, b):
    """(b log b − a log a)/(b − a) − 1: E[log x] under U(a, b)."""
    return (xlogy(b, b) - xlogy(a, a)) / (b - a) - 1

def hlog1m(a, b):
    return (xlogy(1 - a, 1 - a) - xlogy(1 - b, 1 - b)) / (b - a) - 1

# ---------------------------------------------------------------- closed forms (the derivations' results)

def kl_normal(m1, s1, m2, s2): return log(s2 / s1) + (s1**2 + (m1 - m2)**2) / (2 * s2**2) - mpf(1) / 2
def kl_exponential(l1, l2): return log(l1 / l2) + l2 / l1 - 1
def kl_gamma(a1, b1, a2, b2): return (a1 - a2) * digamma(a1) - loggamma(a1) + loggamma(a2) + a2 * log(b1 / b2) + a1 * (b2 - b1) / b1
def kl_beta(a1, b1, a2, b2):
    return (loggamma(a2) + loggamma(b2) - loggamma(a2 + b2) - loggamma(a1) - loggamma(b1) + loggamma(a1 + b1)
            + (a1 - a2) * digamma(a1) + (b1 - b2) * digamma(b1) + (a2 - a1 + b2 - b1) * digamma(a1 + b1))
def kl_laplace(m1, b1, m2, b2): return log(b2 / b1) + abs(m1 - m2) / b2 + b1 / b2 * exp(-abs(m1 - m2) / b1) - 1
def kl_uniform(a1, b1, a2, b2): return log((b2 - a2) / (b1 - a1)) if a2 <= a1 and b1 <= b2 else inf
def kl_bernoulli(t1, t2): return xlogy(t1, t1 / t2) + xlogy(1 - t1, (1 - t1) / (1 - t2)) if not (t2 == 1 and t1 < 1) else inf
def kl_binomial(n, t1, t2): return n * kl_bernoulli(t1, t2)
def kl_poisson(l1, l2): return l1 * log(l1 / l2) - l1 + l2
def kl_geometric(t1, t2): return log(t1 / t2) + (xlogy(1 - t1, (1 - t1) / (1 - t2)) / t1 if t1 < 1 else 0)
def kl_gumbel(m1, b1, m2, b2): return log(b2 / b1) + (m1 - m2) / b2 - psi1 * (b1 / b2 - 1) + exp((m2 - m1) / b2 + loggamma(1 + b1 / b2)) - 1
def kl_halfnormal(s1, s2): return log(s2 / s1) + s1**2 / (2 * s2**2) - mpf(1) / 2
def kl_pareto(m1, a1, m2, a2): return a2 * log(m1 / m2) - log(a2 / a1) + a2 / a1 - 1 if m2 <= m1 else inf
def kl_exponential_gamma(l, a, b): return log(l) - 1 - a * log(b) + loggamma(a) - (a - 1) * (psi1 - log(l)) + b / l
def kl_gamma_exponential(a, b, l): return a * log(b) - loggamma(a) + (a - 1) * (digamma(a) - log(b)) - a - log(l) + l * a / b
def kl_exponential_normal(l, m, s): return log(l) - 1 + log(2 * pi * s**2) / 2 + (2 / l**2 - 2 * m / l + m**2) / (2 * s**2)
def kl_gamma_normal(a, b, m, s):
    return (a * log(b) - loggamma(a) + (a - 1) * (digamma(a) - log(b)) - a + log(2 * pi * s**2) / 2
            + (a * (a + 1) / b**2 - 2 * m * a / b + m**2) / (2 * s**2))
def kl_beta_normal(a, b, m, s):
    return neg_entropy_beta(a, b) + log(2 * pi * s**2) / 2 + (a * (a + 1) / ((a + b) * (a + b + 1)) - 2 * m * a / (a + b) + m**2) / (2 * s**2)
def kl_laplace_normal(m1, b, m2, s): return -log(2 * b) - 1 + log(2 * pi * s**2) / 2 + ((m1 - m2)**2 + 2 * b**2) / (2 * s**2)
def kl_exponential_gumbel(l, m, b): return log(l * b) - 1 + 1 / (l * b) - m / b + exp(m / b) * l * b / (l * b + 1)
def kl_normal_gumbel(m1, s, m2, b): return log(b / s) - log(2 * pi) / 2 - mpf(1) / 2 + (m1 - m2) / b + exp((m2 - m1) / b + s**2 / (2 * b**2))
def kl_gumbel_normal(m1, b, m2, s): return log(s / b) + log(2 * pi) / 2 + psi1 - 1 + pi**2 * b**2 / (12 * s**2) + (m1 - psi1 * b - m2)**2 / (2 * s**2)
def kl_pareto_exponential(m, a, l): return log(a / (m * l)) - 1 / a - 1 + a * l * m / (a - 1) if a > 1 else inf
def kl_pareto_normal(m, a, mu, s):
    return log(a * s * sqrt(2 * pi) / m) - 1 / a - 1 + (a * m**2 / (a - 2) - 2 * mu * a * m / (a - 1) + mu**2) / (2 * s**2) if a > 2 else inf
def kl_uniform_normal(a, b, m, s): return log(sqrt(2 * pi) * s / (b - a)) + ((b - a)**2 + 3 * (a + b - 2 * m)**2) / (24 * s**2)
def kl_uniform_exponential(a, b, l): return l * (a + b) / 2 - log(l * (b - a)) if a >= 0 else inf
def kl_uniform_gamma(a, b, al, be): return -log(b - a) - al * log(be) + loggamma(al) - (al - 1) * hlog(a, b) + be * (a + b) / 2 if a >= 0 else inf
def kl_uniform_beta(a, b, al, be):
    if not (a >= 0 and b <= 1): return inf
    return -log(b - a) + loggamma(al) + loggamma(be) - loggamma(al + be) - (al - 1) * hlog(a, b) - (be - 1) * hlog1m(a, b)
def kl_beta_uniform(al, be, a, b): return neg_entropy_beta(al, be) + log(b - a) if a <= 0 and b >= 1 else inf
def kl_beta_exponential(al, be, l): return neg_entropy_beta(al, be) - log(l) + l * al / (al + be)
def kl_beta_gamma(al, be, k, th):
    return neg_entropy_beta(al, be) - k * log(th) + loggamma(k) - (k - 1) * (digamma(al) - digamma(al + be)) + th * al / (al + be)
def kl_normal_laplace(m1, s, m2, b):
    d = m1 - m2
    return log(2 * b / (sqrt(2 * pi) * s)) - mpf(1) / 2 + (s * sqrt(2 / pi) * exp(-d**2 / (2 * s**2)) + d * erf(d / (sqrt(2) * s))) / b
def kl_gamma_gumbel(a, b, m, th):
    return (a - 1) * digamma(a) - loggamma(a) - a + log(b * th) + a / (b * th) - m / th + exp(m / th + a * log(b * th / (b * th + 1)))
def kl_pareto_gamma(m, a, k, be): return log(a) - k * log(be * m) - k / a - 1 + loggamma(k) + a * be * m / (a - 1) if a > 1 else inf
def kl_uniform_pareto(a, b, m, al): return (al + 1) * hlog(a, b) - al * log(m) - log(al * (b - a)) if m <= a else inf
def kl_uniform_gumbel(a, b, m, be):
    return log(be / (b - a)) + ((a + b) / 2 - m) / be + be / (b - a) * (exp((m - a) / be) - exp((m - b) / be))

# the continuous Bernoulli as an exponential family: log p(x) = ηx − A(η) on [0, 1], η = logit λ, A(η) = log((e^η − 1)/η)
def cb_eta(l): return log(l / (1 - l))
def cb_a(eta): return mpf(0) if eta == 0 else log(expm1(eta) / eta)
def cb_mean(eta):
    if eta == 0: return mpf(1) / 2
    with mp.workdps(3 * mp.dps): return 1 / (1 - exp(-eta)) - 1 / eta
def cb_var(eta):
    if eta == 0: return mpf(1) / 12
    with mp.workdps(3 * mp.dps): return 1 / eta**2 - 1 / (4 * mp.sinh(eta / 2)**2)
def cb_negentropy(l):
    eta = cb_eta(l); return eta * cb_mean(eta) - cb_a(eta)
def kl_cb(l1, l2):
    e1, e2 = cb_eta(l1), cb_eta(l2); return (e1 - e2) * cb_mean(e1) - cb_a(e1) + cb_a(e2)
def kl_cb_exponential(l, r): return cb_negentropy(l) - log(r) + r * cb_mean(cb_eta(l))
def kl_cb_normal(l, m, s):
    e = cb_eta(l); return cb_negentropy(l) + log(2 * pi * s**2) / 2 + (cb_var(e) + (cb_mean(e) - m)**2) / (2 * s**2)
def kl_cb_uniform(l, a, b): return cb_negentropy(l) + log(b - a) if a <= 0 and b >= 1 else inf
def kl_beta_cb(al, be, l): e = cb_eta(l); return neg_entropy_beta(al, be) - e * al / (al + be) + cb_a(e)
def kl_uniform_cb(a, b, l):
    if not (a >= 0 and b <= 1): return inf
    e = cb_eta(l); return -log(b - a) - e * (a + b) / 2 + cb_a(e)
def kl_cauchy(m1, g1, m2, g2): return log(((g1 + g2)**2 + (m1 - m2)**2) / (4 * g1 * g2))
def kl_bernoulli_poisson(t, l): return xlogy(t, t) + xlogy(1 - t, 1 - t) - t * log(l) + l
def kl_infinite(*args): return inf

# ---------------------------------------------------------------- densities for the integral check

def logpdf(family, x, params):
    if family == 'Normal':
        m, s = params; return -((x - m) / s)**2 / 2 - log(s) - log(2 * pi) / 2
    if family == 'Exponential':
        (l,) = params; return log(l) - l * x
    if family == 'Gamma':
        a, b = params; return a * log(b) + (a - 1) * log(x) - b * x - loggamma(a)
    if family == 'Beta':
        a, b = params; return (a - 1) * log(x) + (b - 1) * log(1 - x) - (loggamma(a) + loggamma(b) - loggamma(a + b))
    if family == 'Laplace':
        m, b = params; return -abs(x - m) / b - log(2 * b)
    if family == 'Uniform':
        a, b = params; return -log(b - a) if a <= x <= b else -inf
    if family == 'Gumbel':
        m, b = params; z = (x - m) / b; return -z - exp(-z) - log(b)
    if family == 'HalfNormal':
        (s,) = params; return log(2) / 2 - log(pi) / 2 - log(s) - x**2 / (2 * s**2) if x >= 0 else -inf
    if family == 'Pareto':
        m, a = params; return log(a) + a * log(m) - (a + 1) * log(x) if x >= m else -inf
    if family == 'ContinuousBernoulli':
        (l,) = params; e = cb_eta(l); return e * x - cb_a(e) if 0 <= x <= 1 else -inf
    if family == 'Cauchy':
        m, g = params; return -log(pi * g) - log1p(((x - m) / g)**2)
    raise ValueError(family)

def support(family, params):
    if family == 'Gumbel': return [params[0] - 7 * params[1], params[0], params[0] + 150 * params[1]]  # mass outside < 1e-60
    if family in ('Normal', 'Laplace'): return [-inf, params[0], inf]
    if family == 'Exponential': return [0, 1 / params[0], inf]
    if family == 'Gamma': return [0, params[0] / params[1], inf]
    if family == 'HalfNormal': return [0, params[0], inf]
    if family in ('Beta', 'ContinuousBernoulli'): return [0, mpf(1) / 2, 1]
    if family == 'Cauchy': return [-inf, params[0] - params[1], params[0], params[0] + params[1], inf]
    if family == 'Uniform': return [params[0], params[1]]
    if family == 'Pareto': return [params[0], 2 * params[0], inf]
    raise ValueError(family)

def logpmf(family, k, params):
    if family == 'Bernoulli':
        (t,) = params; return log(t) if k == 1 else log(1 - t)
    if family == 'Binomial':
        n, t = params; return log(mbinom(n, k)) + k * log(t) + (n - k) * log(1 - t)
    if family == 'Poisson':
        (l,) = params; return k * log(l) - l - loggamma(k + 1)
    if family == 'Geometric':
        (t,) = params; return log(t) + k * log(1 - t)
    raise ValueError(family)

DISCRETE = {'Bernoulli': lambda p: range(2), 'Binomial': lambda p: range(int(p[0]) + 1)}

def integral(pf, pp, qf, qp):
    with mp.workdps(40):
        pp = [mpf(v) for v in pp]; qp = [mpf(v) for v in qp]
        if pf in ('Bernoulli', 'Binomial', 'Poisson', 'Geometric'):
            def term(k):
                k = int(k); lp = logpmf(pf, k, pp)
                return exp(lp) * (lp - logpmf(qf, k, qp))
            if pf in DISCRETE: return sum(term(k) for k in DISCRETE[pf](pp))
            return nsum(term, [0, inf])
        if pf == 'Pareto':
            # x = m·u^(−1/α) maps the law to U(0, 1): the heavy tail becomes an integrable endpoint singularity at u = 0
            # and u = v^k with k(1 − 1/α) ≥ 2 makes it a bounded integrand in v
            m, a = pp
            k = math.ceil(2 * float(a) / (float(a) - 1))
            def g(v):
                if v == 0: return mpf(0)
                x = m * v**(-k / a)
                return (logpdf(pf, x, pp) - logpdf(qf, x, qp)) * k * v**(k - 1)
            return quad(g, [0, mpf(1) / 2, 1])
        def f(x):
            lp = logpdf(pf, x, pp)
            if lp == -inf: return mpf(0)
            return exp(lp) * (lp - logpdf(qf, x, qp))
        pts = support(pf, pp)
        kinks = [qp[0]] if qf in ('Laplace', 'Normal', 'Gumbel', 'Cauchy') else [qp[0], qp[1]] if qf == 'Uniform' else [qp[0]] if qf == 'Pareto' else []
        pts = sorted(set(pts + [k for k in kinks if pts[0] < k < pts[-1]]))
        return quad(f, pts)

# ---------------------------------------------------------------- pairs: method, p family, q family, closed form

PAIRS = [
    ('NormalNormal', 'Normal', 'Normal', kl_normal),
    ('Exponential', 'Exponential', 'Exponential', kl_exponential),
    ('Gamma', 'Gamma', 'Gamma', kl_gamma),
    ('Beta', 'Beta', 'Beta', kl_beta),
    ('Laplace', 'Laplace', 'Laplace', kl_laplace),
    ('Uniform', 'Uniform', 'Uniform', kl_uniform),
    ('Bernoulli', 'Bernoulli', 'Bernoulli', kl_bernoulli),
    ('Binomial', 'Binomial', 'Binomial', kl_binomial),
    ('Poisson', 'Poisson', 'Poisson', kl_poisson),
    ('Geometric', 'Geometric', 'Geometric', kl_geometric),
    ('Gumbel', 'Gumbel', 'Gumbel', kl_gumbel),
    ('HalfNormal', 'HalfNormal', 'HalfNormal', kl_halfnormal),
    ('Pareto', 'Pareto', 'Pareto', kl_pareto),
    ('ExponentialGamma', 'Exponential', 'Gamma', kl_exponential_gamma),
    ('GammaExponential', 'Gamma', 'Exponential', kl_gamma_exponential),
    ('ExponentialNormal', 'Exponential', 'Normal', kl_exponential_normal),
    ('GammaNormal', 'Gamma', 'Normal', kl_gamma_normal),
    ('BetaNormal', 'Beta', 'Normal', kl_beta_normal),
    ('LaplaceNormal', 'Laplace', 'Normal', kl_laplace_normal),
    ('ExponentialGumbel', 'Exponential', 'Gumbel', kl_exponential_gumbel),
    ('NormalGumbel', 'Normal', 'Gumbel', kl_normal_gumbel),
    ('GumbelNormal', 'Gumbel', 'Normal', kl_gumbel_normal),
    ('ParetoExponential', 'Pareto', 'Exponential', kl_pareto_exponential),
    ('ParetoNormal', 'Pareto', 'Normal', kl_pareto_normal),
    ('UniformNormal', 'Uniform', 'Normal', kl_uniform_normal),
    ('UniformExponential', 'Uniform', 'Exponential', kl_uniform_exponential),
    ('UniformGamma', 'Uniform', 'Gamma', kl_uniform_gamma),
    ('UniformBeta', 'Uniform', 'Beta', kl_uniform_beta),
    ('BetaUniform', 'Beta', 'Uniform', kl_beta_uniform),
    ('BetaExponential', 'Beta', 'Exponential', kl_beta_exponential),
    ('BetaGamma', 'Beta', 'Gamma', kl_beta_gamma),
    ('NormalLaplace', 'Normal', 'Laplace', kl_normal_laplace),
    ('GammaGumbel', 'Gamma', 'Gumbel', kl_gamma_gumbel),
    ('ParetoGamma', 'Pareto', 'Gamma', kl_pareto_gamma),
    ('UniformPareto', 'Uniform', 'Pareto', kl_uniform_pareto),
    ('UniformGumbel', 'Uniform', 'Gumbel', kl_uniform_gumbel),
    # hand-written in the runtime (no generated method): the table checks Kl.Divergence
    ('ContinuousBernoulli', 'ContinuousBernoulli', 'ContinuousBernoulli', kl_cb),
    ('ContinuousBernoulliExponential', 'ContinuousBernoulli', 'Exponential', kl_cb_exponential),
    ('ContinuousBernoulliNormal', 'ContinuousBernoulli', 'Normal', kl_cb_normal),
    ('ContinuousBernoulliUniform', 'ContinuousBernoulli', 'Uniform', kl_cb_uniform),
    ('BetaContinuousBernoulli', 'Beta', 'ContinuousBernoulli', kl_beta_cb),
    ('UniformContinuousBernoulli', 'Uniform', 'ContinuousBernoulli', kl_uniform_cb),
    ('Cauchy', 'Cauchy', 'Cauchy', kl_cauchy),
    ('BernoulliPoisson', 'Bernoulli', 'Poisson', kl_bernoulli_poisson),
]

# pairs whose divergence is +∞ for every parameter (q is 0 where p has mass): a few points each, through Kl.Divergence
INFINITE_PAIRS = [('Normal', 'Exponential'), ('Laplace', 'Gamma'), ('Gumbel', 'Beta'), ('Normal', 'Uniform'), ('Gumbel', 'HalfNormal'),
                  ('Laplace', 'Pareto'), ('Exponential', 'Beta'), ('Gamma', 'Uniform'), ('HalfNormal', 'Pareto'),
                  ('Normal', 'ContinuousBernoulli'), ('Exponential', 'ContinuousBernoulli'), ('Pareto', 'ContinuousBernoulli'),
                  ('ContinuousBernoulli', 'Pareto'), ('Beta', 'Pareto'), ('Pareto', 'Beta'), ('Pareto', 'Uniform'),
                  ('Poisson', 'Bernoulli'), ('Poisson', 'Binomial')]

# parameter kinds per family, in torch's order
KINDS = {
    'Normal': ['loc', 'scale'], 'Exponential': ['rate'], 'Gamma': ['shape', 'rate'], 'Beta': ['shape', 'shape'],
    'Laplace': ['loc', 'scale'], 'Uniform': ['low', 'high'], 'Bernoulli': ['prob'], 'Binomial': ['count', 'prob'],
    'Poisson': ['rate'], 'Geometric': ['prob'], 'Gumbel': ['loc', 'scale'], 'HalfNormal': ['scale'], 'Pareto': ['scale', 'shape'],
    'ContinuousBernoulli': ['prob'], 'Cauchy': ['loc', 'scale'],
}

EXTREME_ENDS = {'scale': (1e-8, 1e8), 'rate': (1e-8, 1e8), 'shape': (1e-3, 1e3), 'prob': (1e-12, 1 - 1e-12),
                'loc': (-1e8, 1e8), 'count': (1000,), 'low': (), 'high': ()}

def ordinary(kind, rng):
    if kind == 'loc': return round(rng.uniform(-3, 3), 3)
    if kind in ('scale', 'rate', 'shape'): return round(math.exp(rng.uniform(math.log(0.3), math.log(4))), 3)
    if kind == 'prob': return round(rng.uniform(0.05, 0.95), 3)
    if kind == 'count': return rng.randint(1, 20)
    if kind == 'low': return round(rng.uniform(-1, 1), 3)
    if kind == 'high': return None  # set from low
    raise ValueError(kind)

def draw(family, rng):
    vals = []
    for k in KINDS[family]:
        v = ordinary(k, rng)
        if k == 'high': v = round(vals[-1] + math.exp(rng.uniform(math.log(0.3), math.log(4))), 3)
        vals.append(v)
    return vals

def method_args(method, pp, qp):
    if method == 'Binomial': return [pp[0], pp[1], qp[1]]
    return pp + qp

def text(family, params):
    return family + '(' + ', '.join(repr(float(v)) if not isinstance(v, int) else str(v) for v in params) + ')'

def perturb(family, params, delta, rng, scale_ref=1.0):
    """The same family's parameters moved by a relative distance delta (locations by delta times a scale)."""
    out = []
    for k, v in zip(KINDS[family], params):
        s = rng.choice((-1, 1))
        if k == 'count': out.append(v)
        elif k in ('loc', 'low', 'high'): out.append(v + s * delta * scale_ref)
        elif k == 'prob': out.append(v * (1 + s * delta) if v < 0.5 else 1 - (1 - v) * (1 + s * delta))
        else: out.append(v * (1 + s * delta))
    if family == 'Uniform' and out[1] <= out[0]: out[1] = out[0] + 1e-9
    return out

# q families that can equal p: same family, or a special case of it
NEAR = {
    ('Exponential', 'Gamma'): lambda pp, d, rng: [1 + rng.choice((-1, 1)) * d, pp[0] * (1 + rng.choice((-1, 1)) * d)],
    ('Gamma', 'Exponential'): None,
    ('Uniform', 'Beta'): lambda pp, d, rng: [1 + rng.choice((-1, 1)) * d, 1 + rng.choice((-1, 1)) * d],
    ('Beta', 'Uniform'): None,
}

def main():
    rng = random.Random(17)
    out = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'data', 'kl-references.tsv')
    rows = []
    checked = 0
    integrated = {}
    for method, pf, qf, kl in PAIRS:
        points = []  # (class, pp, qp)
        for _ in range(20):
            pp = draw(pf, rng)
            qp = pp[:1] + draw(qf, rng)[1:] if method == 'Binomial' else draw(qf, rng)
            points.append(('ordinary', pp, qp))
        # near p = q
        for d in (1e-3, 1e-6, 1e-9, 1e-12):
            for _ in range(4):
                pp = draw(pf, rng)
                if pf == qf:
                    ref = pp[1] if KINDS[pf][:2] == ['loc', 'scale'] else 1.0
                    qp = perturb(qf, pp, d, rng, ref)
                elif (pf, qf) == ('Exponential', 'Gamma'):
                    qp = NEAR[(pf, qf)](pp, d, rng)
                elif (pf, qf) == ('Gamma', 'Exponential'):
                    pp = [1 + rng.choice((-1, 1)) * d, pp[1]]; qp = [pp[1] * (1 + rng.choice((-1, 1)) * d)]
                elif (pf, qf) == ('Uniform', 'Beta'):
                    pp = [0.0, 1.0]; qp = NEAR[(pf, qf)](pp, d, rng)
                elif (pf, qf) == ('Beta', 'Uniform'):
                    pp = [1 + rng.choice((-1, 1)) * d, 1 + rng.choice((-1, 1)) * d]; qp = [0.0, 1.0]
                elif (pf, qf) == ('Uniform', 'ContinuousBernoulli'):
                    pp = [0.0, 1.0]; qp = [0.5 * (1 + rng.choice((-1, 1)) * d)]
                elif (pf, qf) == ('ContinuousBernoulli', 'Uniform'):
                    pp = [0.5 * (1 + rng.choice((-1, 1)) * d)]; qp = [0.0, 1.0]
                elif (pf, qf) == ('Beta', 'ContinuousBernoulli'):
                    pp = [1 + rng.choice((-1, 1)) * d, 1 + rng.choice((-1, 1)) * d]; qp = [0.5 * (1 + rng.choice((-1, 1)) * d)]
                else:
                    continue
                points.append(('near', pp, qp))
        # extremes: one parameter at a time at the ends of its range; locations far from 0
        for side, fam in (('p', pf), ('q', qf)):
            for i, k in enumerate(KINDS[fam]):
                ends = EXTREME_ENDS[k]
                for e in ends:
                    for _ in range(3):
                        pp = draw(pf, rng)
                        qp = pp[:1] + draw(qf, rng)[1:] if method == 'Binomial' else draw(qf, rng)
                        target = pp if side == 'p' else qp
                        if method == 'Binomial' and k == 'count':
                            pp[0] = qp[0] = e
                        else:
                            target[i] = e
                        points.append(('extreme', pp, qp))
        # several parameters at their ends at once (each one with probability ½): the mixed extremes where terms overflow
        for _ in range(16):
            pp = draw(pf, rng); qp = pp[:1] + draw(qf, rng)[1:] if method == 'Binomial' else draw(qf, rng)
            for fam, ps in ((pf, pp), (qf, qp)):
                for i, k in enumerate(KINDS[fam]):
                    ends = EXTREME_ENDS[k]
                    if ends and rng.random() < 0.5: ps[i] = rng.choice(ends)
            if method == 'Binomial': qp[0] = pp[0]
            points.append(('extreme', pp, qp))
        # far from 0: every location of both shifted by 1e8
        for _ in range(3):
            pp = draw(pf, rng); qp = pp[:1] + draw(qf, rng)[1:] if method == 'Binomial' else draw(qf, rng)
            changed = False
            for fam, ps in ((pf, pp), (qf, qp)):
                for i, k in enumerate(KINDS[fam]):
                    if k in ('loc', 'low', 'high'): ps[i] += 1e8; changed = True
            if changed: points.append(('far', pp, qp))
        # the continuous Bernoulli near λ = ½ (η near 0, where its normaliser is a 0/0 form)
        if pf == qf == 'ContinuousBernoulli':
            for d in (1e-3, 1e-6, 1e-9, 1e-12):
                points.append(('near', [0.5], [0.5 * (1 + rng.choice((-1, 1)) * d)]))
                l = 0.5 + rng.choice((-1, 1)) * 0.01 * rng.random()
                points.append(('near', [l], perturb(qf, [l], d, rng)))
        # Bernoulli ‖ Poisson at λ = p, its smallest divergence ((1 − p)log(1 − p) + p ≈ p²/2 for small p)
        if method == 'BernoulliPoisson':
            for t in (1e-12, 1e-8, 1e-4, 0.3, 1 - 1e-12):
                points.append(('extreme', [t], [t]))
        # p near q for the location-scale pairs at scales far from 1
        if pf == qf and KINDS[pf][:2] == ['loc', 'scale']:
            for s in (1e-6, 1e6):
                pp = draw(pf, rng); pp[1] *= s
                points.append(('near', pp, perturb(qf, pp, 1e-6, rng, pp[1])))

        print(method, file=sys.stderr, flush=True)
        for cls, pp, qp in points:
            if not valid(pf, pp) or not valid(qf, qp): continue
            args = method_args(method, pp, qp)
            margs = [mpf(v) for v in args]
            v = kl(*margs)
            if v != inf and v < 0: raise SystemExit(f'{method}{args}: negative reference {v}')
            if v == inf: cls = 'infinite'
            elif v > mpf(sys.float_info.max): cls = 'overflow'
            if cls == 'ordinary' and integrated.get(method, 0) < 3:
                integrated[method] = integrated.get(method, 0) + 1
                got = integral(pf, pp[:], qf, qp[:])
                if abs(got - v) > mpf('1e-12') * max(1, abs(v)):
                    raise SystemExit(f'{method}{args}: closed form {mp.nstr(v, 20)} but the integral is {mp.nstr(got, 20)}')
                checked += 1
            value = 'Infinity' if cls in ('infinite', 'overflow') else mp.nstr(v, 17, strip_zeros=False, min_fixed=-1, max_fixed=-1)
            rows.append('\t'.join([method, ' '.join(repr(float(a)) for a in args), text(pf, pp), text(qf, qp), cls, value]))
    for pf, qf in INFINITE_PAIRS:
        for _ in range(2):
            pp, qp = draw(pf, rng), draw(qf, rng)
            if not valid(pf, pp) or not valid(qf, qp): continue
            rows.append('\t'.join([pf + qf, ' '.join(repr(float(a)) for a in pp + qp), text(pf, pp), text(qf, qp), 'infinite', 'Infinity']))
    for n1, n2 in ((5, 6), (20, 3)):  # binomials with different numbers of trials
        pp, qp = [n1, round(rng.uniform(0.05, 0.95), 3)], [n2, round(rng.uniform(0.05, 0.95), 3)]
        rows.append('\t'.join(['BinomialTrials', ' '.join(repr(float(a)) for a in pp + qp), text('Binomial', pp), text('Binomial', qp), 'infinite', 'Infinity']))
    with open(out, 'w') as f:
        f.write('# KL(p || q) references: 80-digit mpmath, generated by tools/references/kl_references.py (do not edit)\n')
        f.write('# method\targuments\tp\tq\tclass\tkl\n')
        f.write('\n'.join(rows) + '\n')
    print(f'{len(rows)} points, {checked} closed forms checked by integration, written to {os.path.normpath(out)}')

def valid(family, ps):
    for k, v in zip(KINDS[family], ps):
        if k in ('scale', 'rate', 'shape') and not v > 0: return False
        if k == 'prob' and not (0 < v <= 1): return False
        if family == 'ContinuousBernoulli' and not v < 1: return False
    if family == 'Uniform' and not ps[1] > ps[0]: return False
    return True

if __name__ == '__main__':
    main()
