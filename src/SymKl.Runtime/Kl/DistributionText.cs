using System.Globalization;
using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>
/// Distributions written as text, with the parameters torch.distributions takes, in its order:
/// <c>Normal(loc, scale)</c>, <c>Exponential(rate)</c>, <c>Gamma(concentration, rate)</c>,
/// <c>Beta(concentration1, concentration0)</c>, <c>Laplace(loc, scale)</c>, <c>Uniform(low, high)</c>,
/// <c>Bernoulli(probs)</c>, <c>Binomial(total_count, probs)</c>, <c>Poisson(rate)</c>, <c>Geometric(probs)</c>,
/// <c>Gumbel(loc, scale)</c>, <c>HalfNormal(scale)</c>, <c>Pareto(scale, alpha)</c>, <c>ContinuousBernoulli(probs)</c>,
/// <c>Cauchy(loc, scale)</c>.
/// </summary>
public static class DistributionText
{
    private sealed record Family(string Name, string[] Parameters, Func<double[], IDistribution> Make);

    private static readonly Family[] Families =
    [
        new("Normal", ["loc", "scale"], a => new Normal(a[0], a[1])),
        new("Exponential", ["rate"], a => new Exponential(a[0])),
        new("Gamma", ["concentration", "rate"], a => new Gamma(a[0], a[1])),
        new("Beta", ["concentration1", "concentration0"], a => new Beta(a[0], a[1])),
        new("Laplace", ["loc", "scale"], a => new Laplace(a[0], a[1])),
        new("Uniform", ["low", "high"], a => new Uniform(a[0], a[1])),
        new("Bernoulli", ["probs"], a => new Bernoulli(a[0])),
        new("Binomial", ["total_count", "probs"], a => new Binomial(Count(a[0]), a[1])),
        new("Poisson", ["rate"], a => new Poisson(a[0])),
        new("Geometric", ["probs"], a => new Geometric(a[0])),
        new("Gumbel", ["loc", "scale"], a => new Gumbel(a[0], a[1])),
        new("HalfNormal", ["scale"], a => new HalfNormal(a[0])),
        new("Pareto", ["scale", "alpha"], a => new Pareto(a[0], a[1])),
        new("ContinuousBernoulli", ["probs"], a => new ContinuousBernoulli(a[0])),
        new("Cauchy", ["loc", "scale"], a => new Cauchy(a[0], a[1])),
    ];

    /// <summary>The families <see cref="Parse"/> knows, with their parameters ("Normal(loc, scale)").</summary>
    public static IReadOnlyList<string> Known { get; } = Families.Select(f => f.Name + "(" + string.Join(", ", f.Parameters) + ")").ToArray();

    /// <summary>"Gumbel(0, 1)" as a distribution; <see cref="FormatException"/> saying what is wrong otherwise.</summary>
    public static IDistribution Parse(string text)
    {
        var t = text.Trim();
        var open = t.IndexOf('(');
        if (open <= 0 || !t.EndsWith(")", StringComparison.Ordinal))
            throw new FormatException("'" + text + "' is not of the form Family(parameters), such as Normal(0, 1)");
        var name = t.Substring(0, open).Trim();
        var family = Families.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                     ?? throw new FormatException("unknown family '" + name + "'; known: " + string.Join(", ", Known));
        var inside = t.Substring(open + 1, t.Length - open - 2);
        var parts = inside.Trim().Length == 0 ? [] : inside.Split(',');
        if (parts.Length != family.Parameters.Length)
            throw new FormatException(family.Name + " takes " + family.Parameters.Length + " parameter" + (family.Parameters.Length == 1 ? "" : "s") +
                                      " (" + string.Join(", ", family.Parameters) + "), not " + parts.Length);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new FormatException("the " + family.Parameters[i] + " of " + family.Name + " is not a number: '" + parts[i].Trim() + "'");
        }
        try
        {
            return family.Make(values);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("invalid " + family.Name + ": " + FirstSentence(e.Message), e);
        }
    }

    /// <summary>The generated KL function <see cref="Kl.Divergence(IDistribution, IDistribution)"/> uses for the pair, or null.</summary>
    public static GeneratedKl? DerivationOf(IDistribution p, IDistribution q)
    {
        var a = p.GetType().Name;
        var b = q.GetType().Name;
        var method = a == b ? (a == "Normal" ? "NormalNormal" : a) : a + b;
        return KlGenerated.Catalog.FirstOrDefault(c => c.Method == method);
    }

    private static int Count(double v) =>
        v >= 0 && v <= int.MaxValue && Math.Floor(v) == v ? (int)v : throw new ArgumentException("total_count must be a whole number, not " + v.ToString("R", CultureInfo.InvariantCulture));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message;
    }
}
