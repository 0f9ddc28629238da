namespace SymKl.Symbolic.Probability;

/// <summary>A function defined by a formula: name(parameters) = body.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<Sym> Parameters, Expr Body);

/// <summary>
/// What a document (or a --define option) has said about its functions: densities that are members of a
/// family (q(z) ~ N(μ, σ²)) and functions defined by a formula (f(x) = …). Immutable.
/// </summary>
public sealed class DistributionContext
{
    public static readonly DistributionContext Empty = new(new Dictionary<string, DistributionInstance>(), new Dictionary<string, FunctionDefinition>());

    private DistributionContext(IReadOnlyDictionary<string, DistributionInstance> bound, IReadOnlyDictionary<string, FunctionDefinition> defined)
    {
        Bound = bound;
        Defined = defined;
    }

    public IReadOnlyDictionary<string, DistributionInstance> Bound { get; }
    public IReadOnlyDictionary<string, FunctionDefinition> Defined { get; }

    public DistributionContext WithDistribution(string name, DistributionInstance instance) =>
        new(new Dictionary<string, DistributionInstance>(Bound.ToDictionary(k => k.Key, k => k.Value)) { [name] = instance },
            Defined.Where(d => d.Key != name).ToDictionary(k => k.Key, k => k.Value));

    public DistributionContext WithDefinition(FunctionDefinition definition) =>
        new(Bound.Where(d => d.Key != definition.Name).ToDictionary(k => k.Key, k => k.Value),
            new Dictionary<string, FunctionDefinition>(Defined.ToDictionary(k => k.Key, k => k.Value)) { [definition.Name] = definition });

    /// <summary>The context without anything it knew about <paramref name="name"/> (a function redefined by a formula SymKl cannot read).</summary>
    public DistributionContext Without(string name) =>
        !Bound.ContainsKey(name) && !Defined.ContainsKey(name) ? this
            : new(Bound.Where(d => d.Key != name).ToDictionary(k => k.Key, k => k.Value), Defined.Where(d => d.Key != name).ToDictionary(k => k.Key, k => k.Value));

    /// <summary>Finds the distribution a name refers to: exact, then P ↔ p (a distribution and its density share a letter).</summary>
    public DistributionInstance? Resolve(string name)
    {
        if (Bound.TryGetValue(name, out var d)) return d;
        if (name.Length == 1)
        {
            var other = char.IsUpper(name[0]) ? name.ToLowerInvariant() : name.ToUpperInvariant();
            if (Bound.TryGetValue(other, out d)) return d;
        }
        return null;
    }

    public bool IsKnownFunction(string name) => Resolve(name) is not null || Defined.ContainsKey(name);
}
