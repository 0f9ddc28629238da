namespace SymKl.Symbolic.Probability;

/// <summary>Where a family's values live.</summary>
public enum SupportKind
{
    Real,
    Positive,
    UnitInterval,
    /// <summary>[a, b] given by parameters (Uniform).</summary>
    Interval,
    /// <summary>[m, ∞) with m &gt; 0 the first parameter (Pareto).</summary>
    LowerBounded,
    NonNegativeIntegers,
    /// <summary>{0, 1}.</summary>
    Binary,
    /// <summary>{0, …, n} with n a parameter (Binomial).</summary>
    IntegerRange,
}

/// <summary>One parameter of a family: its name and the domain its values must lie in.</summary>
public sealed record FamilyParameter(string Name, Domain Domain);

/// <summary>
/// A parametric family of distributions: log-density (or log-mass) on the support, and a table of the
/// expectations a KL, entropy or cross-entropy derivation needs, each written in closed form.
/// </summary>
public sealed class Family
{
    internal Family(
        string name,
        IReadOnlyList<FamilyParameter> parameters,
        SupportKind support,
        Func<Expr, IReadOnlyList<Expr>, Expr> logDensity,
        Func<Expr, Sym, IReadOnlyList<Expr>, Expr?> moment,
        IReadOnlyList<string> aliases)
        : this(name, parameters, support, logDensity, (m, x, t, _) => moment(m, x, t), aliases)
    {
    }

    /// <summary>A family whose moment table needs the assumptions (a moment that exists only for some parameters).</summary>
    internal Family(
        string name,
        IReadOnlyList<FamilyParameter> parameters,
        SupportKind support,
        Func<Expr, IReadOnlyList<Expr>, Expr> logDensity,
        Func<Expr, Sym, IReadOnlyList<Expr>, Assumptions, Expr?> moment,
        IReadOnlyList<string> aliases)
    {
        Name = name;
        Parameters = parameters;
        Support = support;
        _logDensity = logDensity;
        _moment = moment;
        Aliases = aliases;
    }

    private readonly Func<Expr, IReadOnlyList<Expr>, Expr> _logDensity;
    private readonly Func<Expr, Sym, IReadOnlyList<Expr>, Assumptions, Expr?> _moment;

    public string Name { get; }
    public IReadOnlyList<FamilyParameter> Parameters { get; }
    public SupportKind Support { get; }

    /// <summary>Other names a document may use (N, \mathcal{N}, Gaussian, Exp, …), lower-case.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public bool IsDiscrete => Support is SupportKind.NonNegativeIntegers or SupportKind.Binary or SupportKind.IntegerRange;

    /// <summary>log p(x; θ) for x in the support.</summary>
    public Expr LogDensity(Expr x, IReadOnlyList<Expr> theta) => _logDensity(x, theta);

    /// <summary>
    /// E[m(x)] for a monomial m in x (x^k, log x, log(1 − x), |x − c|, e^{s x + c}), or null when the table has no
    /// entry or the entry's conditions do not follow from the assumptions (E[x] of a Pareto needs α &gt; 1, E[log x]
    /// under a uniform on [a, b] needs 0 &lt; a); without assumptions, only unconditional entries.
    /// </summary>
    public Expr? Moment(Expr monomial, Sym x, IReadOnlyList<Expr> theta, Assumptions? assumptions = null) =>
        _moment(monomial, x, theta, assumptions ?? Assumptions.None);

    /// <summary>
    /// Where a member's mass is, roughly, at numeric parameters: (centre, spread), so that quadrature does not miss a
    /// narrow peak far from 0; null when the family gives none (its support bounds the range instead).
    /// </summary>
    public Func<double[], (double Center, double Spread)>? MassScale { get; init; }

    /// <summary>The support at numeric parameters as an interval (continuous) or an integer range (discrete; the upper end may be +∞).</summary>
    public (double Low, double High) SupportRange(double[] θ) => Support switch
    {
        SupportKind.Real => (double.NegativeInfinity, double.PositiveInfinity),
        SupportKind.Positive => (0, double.PositiveInfinity),
        SupportKind.UnitInterval => (0, 1),
        SupportKind.Interval => (θ[0], θ[1]),
        SupportKind.LowerBounded => (θ[0], double.PositiveInfinity),
        SupportKind.Binary => (0, 1),
        SupportKind.IntegerRange => (0, θ[0]),
        _ => (0, double.PositiveInfinity),
    };

    /// <summary>The domain a random variable of this family has, for simplifying inside expectations.</summary>
    public Domain VariableDomain => Support switch
    {
        SupportKind.Positive or SupportKind.LowerBounded => Domain.Positive,
        SupportKind.UnitInterval => Domain.UnitInterval,
        SupportKind.NonNegativeIntegers or SupportKind.Binary or SupportKind.IntegerRange => Domain.NonNegativeInteger,
        _ => Domain.Real,
    };

    public override string ToString() => Name;
}

/// <summary>A member of a family: the family and its parameter expressions, e.g. Normal(μ, σ²).</summary>
public sealed record DistributionInstance(Family Family, IReadOnlyList<Expr> Parameters)
{
    public Expr LogDensity(Expr x) => Family.LogDensity(x, Parameters);

    /// <summary>The assumptions extended with the family's parameter domains for parameters that are plain symbols.</summary>
    public Assumptions Constrain(Assumptions a)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] is Sym s && !a.Declared.ContainsKey(s.Name) && Family.Parameters[i].Domain != Domain.Real)
                a = a.With(s.Name, Family.Parameters[i].Domain);
        }
        return a;
    }

    public override string ToString() => Family.Name + "(" + string.Join(", ", Parameters.Select(LatexPrinter.Print)) + ")";
}
