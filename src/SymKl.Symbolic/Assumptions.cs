namespace SymKl.Symbolic;

/// <summary>What is known about a symbol's values.</summary>
public enum Domain
{
    Real,
    Positive,
    NonNegative,
    Negative,
    NonZero,
    /// <summary>The open interval (0, 1), e.g. a probability.</summary>
    UnitInterval,
    Integer,
    PositiveInteger,
    NonNegativeInteger,
}

/// <summary>
/// The assumptions in force: declared domains of symbols, plus the conventions of DESIGN.md (σ, λ and
/// named rates and scales are positive) for symbols with no declaration. A declaration always wins.
/// Immutable; <see cref="With"/> returns a new set.
/// </summary>
public sealed class Assumptions
{
    private readonly Dictionary<string, Domain> _declared;

    /// <summary>Base names that are positive by convention unless declared otherwise.</summary>
    public static readonly IReadOnlyCollection<string> PositiveByConvention = ["sigma", "lambda", "rate", "scale"];

    private Assumptions(Dictionary<string, Domain> declared, bool useConventions, IReadOnlyCollection<string> positiveFunctions,
        IReadOnlyList<(string Smaller, string Larger)>? orderings = null, IReadOnlyList<(string Smaller, string Larger)>? strict = null,
        IReadOnlyList<LowerBound>? lowerBounds = null)
    {
        _declared = declared;
        UseConventions = useConventions;
        PositiveFunctions = positiveFunctions;
        Orderings = orderings ?? [];
        StrictOrderings = strict ?? [];
        LowerBounds = lowerBounds ?? [];
    }

    /// <summary>
    /// Orderings a ≤ b (or a &lt; b) between symbols, or between a symbol and a number written as its decimal
    /// text ("1"): sample points that break one are not used.
    /// </summary>
    public IReadOnlyList<(string Smaller, string Larger)> Orderings { get; }

    /// <summary>Numeric lower bounds on symbols (α &gt; 2, ν ≥ 1): sample points that break one are not used.</summary>
    public IReadOnlyList<LowerBound> LowerBounds { get; }
    /// <summary>The orderings among <see cref="Orderings"/> that were stated strictly (a &lt; b rather than a ≤ b).</summary>
    public IReadOnlyList<(string Smaller, string Larger)> StrictOrderings { get; }

    public Assumptions WithOrdering(string smaller, string larger, bool strict = false) =>
        new(_declared, UseConventions, PositiveFunctions, [.. Orderings, (smaller, larger)], strict ? [.. StrictOrderings, (smaller, larger)] : StrictOrderings, LowerBounds);

    /// <summary>The value of an ordering's side written as a number ("0", "1", "-2", "0.5"), or null for a symbol.</summary>
    public static Rational? NumberName(string name)
    {
        var text = name.StartsWith("-", StringComparison.Ordinal) ? name.Substring(1) : name;
        if (text.Length == 0 || text.Length > 30 || !text.All(c => c is >= '0' and <= '9' or '.') || text.Count(c => c == '.') > 1 || text[0] == '.' || text[text.Length - 1] == '.') return null;
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var scale = dot < 0 ? 0 : text.Length - dot - 1;
        var r = new Rational(System.Numerics.BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), System.Numerics.BigInteger.Pow(10, scale));
        return name.StartsWith("-", StringComparison.Ordinal) ? -r : r;
    }

    /// <summary>True when sample points must be checked with <see cref="Admits"/>.</summary>
    public bool HasRelations => Orderings.Count > 0 || LowerBounds.Count > 0;

    public Assumptions WithLowerBound(string symbol, Rational bound, bool strict) =>
        new(_declared, UseConventions, PositiveFunctions, Orderings, StrictOrderings, [.. LowerBounds, new LowerBound(symbol, bound, strict)]);

    /// <summary>True when the values satisfy every ordering and bound (symbols without a value are not constrained).</summary>
    public bool Admits(Func<string, double?> valueOf)
    {
        double? Value(string n) => NumberName(n) is { } r ? r.ToDouble() : valueOf(n);
        foreach (var (a, b) in Orderings)
            if (Value(a) is { } x && Value(b) is { } y && !(x < y)) return false;
        foreach (var b in LowerBounds)
            if (valueOf(b.Symbol) is { } v && !(b.Strict ? v > b.Bound.ToDouble() : v >= b.Bound.ToDouble())) return false;
        return true;
    }

    /// <summary>s &gt; c (strict) or s ≥ c follows from a declared bound or the symbol's domain.</summary>
    public bool ProvablyAbove(Sym s, Rational c, bool strict)
    {
        if (c.Sign < 0 || (c.IsZero && !strict)) { if (IsNonNegative(s)) return true; }
        if (c.IsZero && strict && IsPositive(s)) return true;
        foreach (var b in LowerBounds)
            if (b.Symbol == s.Name && (b.Bound > c || b.Bound == c && (b.Strict || !strict))) return true;
        // Or by a chain of stated orderings (2 < α, or 1 < β < α).
        return strict ? Order.ProvablyLess(Ex.Num(c), s, this) : Order.ProvablyAtMost(Ex.Num(c), s, this);
    }

    /// <summary>No declarations; conventions on.</summary>
    public static readonly Assumptions Default = new([], true, []);

    /// <summary>No declarations and no conventions: every symbol is an arbitrary real.</summary>
    public static readonly Assumptions None = new([], false, []);

    public bool UseConventions { get; }

    /// <summary>
    /// Undefined functions that are densities by convention (p(x), q(z), P(x), Q(x), the calligraphic \mathcal{P}(x),
    /// \mathcal{Q}(x) some notes write for a distribution, with any subscript): positive.
    /// </summary>
    public static readonly IReadOnlyCollection<string> DensitiesByConvention = ["p", "q", "P", "Q", "\\mathcal{P}", "\\mathcal{Q}"];

    /// <summary>Names of undefined functions known to be positive (densities p, q whose logs are taken).</summary>
    public IReadOnlyCollection<string> PositiveFunctions { get; }

    public bool IsPositiveFunction(string name)
    {
        if (PositiveFunctions.Contains(name, StringComparer.Ordinal)) return true;
        var i = name.IndexOf('_');
        var baseName = i < 0 ? name : name.Substring(0, i);
        return UseConventions && DensitiesByConvention.Contains(baseName, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Domain> Declared => _declared;

    public Assumptions With(string symbol, Domain domain)
    {
        var d = new Dictionary<string, Domain>(_declared) { [symbol] = domain };
        return new Assumptions(d, UseConventions, PositiveFunctions, Orderings, StrictOrderings, LowerBounds);
    }

    public Assumptions WithPositiveFunction(string name) =>
        new(_declared, UseConventions, [.. PositiveFunctions.Append(name).Distinct(StringComparer.Ordinal)], Orderings, StrictOrderings, LowerBounds);

    public Assumptions WithoutConventions() => new(_declared, false, PositiveFunctions, Orderings, StrictOrderings, LowerBounds);

    public Domain DomainOf(Sym s)
    {
        if (_declared.TryGetValue(s.Name, out var d)) return d;
        if (UseConventions && PositiveByConvention.Contains(s.BaseName, StringComparer.Ordinal)) return Domain.Positive;
        return Domain.Real;
    }

    public bool IsPositive(Sym s) => DomainOf(s) is Domain.Positive or Domain.UnitInterval or Domain.PositiveInteger;
    public bool IsNonNegative(Sym s) => IsPositive(s) || DomainOf(s) is Domain.NonNegative or Domain.NonNegativeInteger;
    public bool IsNegative(Sym s) => DomainOf(s) is Domain.Negative;
    public bool IsInteger(Sym s) => DomainOf(s) is Domain.Integer or Domain.PositiveInteger or Domain.NonNegativeInteger;
    public bool IsNonZero(Sym s) => IsPositive(s) || IsNegative(s) || DomainOf(s) is Domain.NonZero;
}

/// <summary>Symbol &gt; Bound (strict) or Symbol ≥ Bound.</summary>
public sealed record LowerBound(string Symbol, Rational Bound, bool Strict);
