using System.Globalization;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Moments given blocks against numbers worked out here: a random joint covariance of two or three scalar blocks
/// (B Bᵀ + I, symmetric positive definite, integer entries), the conditional mean and variance computed exactly in
/// fractions through the precision matrix Λ = Σ⁻¹ (E[x₁ | rest] = μ₁ − Λ₁₁⁻¹ Λ₁,rest (rest − μ_rest), Var = Λ₁₁⁻¹),
/// a route independent of the Schur-complement formula SymKl uses. The right values must hold and a perturbed one be refuted.
/// </summary>
public class ConditionalGaussianNumericTests
{
    private readonly record struct Fraction(long N, long D)
    {
        public static Fraction Of(long n, long d = 1)
        {
            if (d < 0) (n, d) = (-n, -d);
            var g = Gcd(Math.Abs(n), d);
            return g == 0 ? new(0, 1) : new(n / g, d / g);
        }

        private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
        public static Fraction operator +(Fraction a, Fraction b) => Of(a.N * b.D + b.N * a.D, a.D * b.D);
        public static Fraction operator -(Fraction a, Fraction b) => Of(a.N * b.D - b.N * a.D, a.D * b.D);
        public static Fraction operator *(Fraction a, Fraction b) => Of(a.N * b.N, a.D * b.D);
        public static Fraction operator /(Fraction a, Fraction b) => Of(a.N * b.D, a.D * b.N);
        public string Latex => D == 1 ? "(" + N.ToString(CultureInfo.InvariantCulture) + ")" : "\\frac{" + N.ToString(CultureInfo.InvariantCulture) + "}{" + D.ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>Gauss–Jordan inverse in fractions.</summary>
    private static Fraction[,] Inverse(Fraction[,] m)
    {
        var n = m.GetLength(0);
        var a = new Fraction[n, 2 * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < 2 * n; j++) a[i, j] = j < n ? m[i, j] : Fraction.Of(i == j - n ? 1 : 0);
        for (var c = 0; c < n; c++)
        {
            var p = c;
            while (a[p, c].N == 0) p++;
            for (var j = 0; j < 2 * n; j++) (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            var pivot = a[c, c];
            for (var j = 0; j < 2 * n; j++) a[c, j] /= pivot;
            for (var i = 0; i < n; i++)
            {
                if (i == c || a[i, c].N == 0) continue;
                var f = a[i, c];
                for (var j = 0; j < 2 * n; j++) a[i, j] -= f * a[c, j];
            }
        }
        var inverse = new Fraction[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) inverse[i, j] = a[i, j + n];
        return inverse;
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ConditionalMomentsMatchThePrecisionMatrix(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(2, 4);
        var names = new[] { "\\mathbf{p}", "\\mathbf{q}", "\\mathbf{r}" }.Take(n).ToArray();
        var b = new long[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) b[i, j] = random.Next(-2, 3);
        var sigma = new Fraction[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                long s = i == j ? 1 : 0;
                for (var k = 0; k < n; k++) s += b[i, k] * b[j, k];
                sigma[i, j] = Fraction.Of(s);
            }
        var mu = Enumerable.Range(0, n).Select(_ => Fraction.Of(random.Next(-3, 4))).ToArray();
        var lambda = Inverse(sigma);
        // Given every block but the first: mean μ₁ − Λ₁₁⁻¹ Σⱼ Λ₁ⱼ (xⱼ − μⱼ), variance Λ₁₁⁻¹.
        var variance = Fraction.Of(1) / lambda[0, 0];
        var mean = mu[0].Latex + string.Concat(Enumerable.Range(1, n - 1).Select(j => " - " + (lambda[0, j] / lambda[0, 0]).Latex + "(" + names[j] + " - " + mu[j].Latex + ")"));
        var law = "$$\n\\begin{bmatrix} " + string.Join(" \\\\ ", names) + " \\end{bmatrix} \\sim \\mathcal{N}\\left(\\begin{bmatrix} "
            + string.Join(" \\\\ ", mu.Select(m => m.N.ToString(CultureInfo.InvariantCulture) + (m.D == 1 ? "" : "/" + m.D.ToString(CultureInfo.InvariantCulture))))
            + " \\end{bmatrix}, \\begin{bmatrix} "
            + string.Join(" \\\\ ", Enumerable.Range(0, n).Select(i => string.Join(" & ", Enumerable.Range(0, n).Select(j => sigma[i, j].N.ToString(CultureInfo.InvariantCulture)))))
            + " \\end{bmatrix}\\right)\n$$\n\n";
        var given = string.Join(", ", names.Skip(1));
        Assert.All(Verdicts(law + "$$\n\\mathbb{E}[\\mathbf{p} \\mid " + given + "] = " + mean + "\n$$\n"), v => Assert.True(v.Holds, v.Reason));
        Assert.All(Verdicts(law + "$$\n\\operatorname{Var}(\\mathbf{p} \\mid " + given + ") = " + variance.Latex + "\n$$\n"), v => Assert.True(v.Holds, v.Reason));
        Assert.Contains(Verdicts(law + "$$\n\\operatorname{Var}(\\mathbf{p} \\mid " + given + ") = " + (variance + Fraction.Of(1, 7)).Latex + "\n$$\n"), v => v.Kind == VerdictKind.Refuted);
        Assert.Contains(Verdicts(law + "$$\n\\mathbb{E}[\\mathbf{p} \\mid " + given + "] = " + mean + " + \\frac{1}{3}" + names[1] + "\n$$\n"), v => v.Kind == VerdictKind.Refuted);
    }

    private static List<Verdict> Verdicts(string markdown)
    {
        var steps = TableVerdicts.Asserted(markdown, "conditional.md", markdown);
        Assert.NotEmpty(steps);
        return steps.Select(s => s.Verdict).ToList();
    }
}
