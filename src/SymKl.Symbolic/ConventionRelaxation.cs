namespace SymKl.Symbolic;

/// <summary>
/// λ and σ are positive by convention (<see cref="Assumptions.PositiveByConvention"/>): a rate, a scale. But a Lagrange
/// multiplier λ has no sign, and a text that writes √(−λ₃/π) or √(π/(−λ)) tells the reader that its λ is negative.
/// When a side of a statement has no value at any point the convention allows, while it has values once the
/// conventional symbols may take any sign, the convention contradicts the text: those symbols are taken as any real for
/// this statement. Without this, √(−λ) = √λ was proved (vacuously: its left side exists nowhere under λ &gt; 0, and the
/// normal form rewrites √(−λ) to √|λ| = √λ), and a Gaussian normaliser e^{λ₁−1}√(π/(−λ₃)) = 1 could never be checked.
/// A declared domain is never changed; only the convention gives way.
/// </summary>
public static class ConventionRelaxation
{
    /// <summary>Points drawn to look for a value of a side.</summary>
    private const int Probes = 48;

    /// <summary>
    /// The assumptions with the conventional symbols of the statement made real, and the note saying so; null when the
    /// convention leaves both sides a value somewhere (or when giving it up does not help).
    /// </summary>
    public static (Assumptions Relaxed, IReadOnlyList<Sym> Symbols, string Note)? Relax(Expr lhs, Expr rhs, Assumptions a, int seed)
    {
        var conventional = Conventional(lhs, rhs, a);
        if (conventional.Count == 0) return null;
        var nowhere = NowhereDefined(lhs, a, seed) ? lhs : NowhereDefined(rhs, a, seed) ? rhs : null;
        if (nowhere is null) return null;
        var relaxed = Relaxed(a, conventional);
        if (NowhereDefined(lhs, relaxed, seed) || NowhereDefined(rhs, relaxed, seed)) return null;
        return (relaxed, conventional, Note(conventional, ReferenceEquals(nowhere, lhs) ? "the left side has no value anywhere" : "the right side has no value anywhere"));
    }

    /// <summary>The statement's symbols that are positive only by convention (none when conventions are off).</summary>
    public static IReadOnlyList<Sym> Conventional(Expr lhs, Expr rhs, Assumptions a) => !a.UseConventions ? [] :
        Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct()
            .Where(s => !a.Declared.ContainsKey(s.Name) && a.DomainOf(s) == Domain.Positive)
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public static Assumptions Relaxed(Assumptions a, IReadOnlyList<Sym> symbols)
    {
        foreach (var s in symbols) a = a.With(s.Name, Domain.Real);
        return a;
    }

    /// <summary>The note on a verdict reached with the conventional symbols taken as any real.</summary>
    public static string Note(IReadOnlyList<Sym> symbols, string why)
    {
        var names = string.Join(", ", symbols.Select(s => LatexPrinter.Print(s)));
        return names + " taken as any real number: under the convention that " + names + (symbols.Count == 1 ? " is" : " are") + " positive, " + why + ", so the text does not mean it";
    }

    /// <summary>
    /// True when a side that the plain evaluator can compute (no integrals, sums, undefined functions) has free symbols
    /// and no value at any of the probe points drawn under <paramref name="a"/>.
    /// </summary>
    private static bool NowhereDefined(Expr side, Assumptions a, int seed)
    {
        if (Traversal.Any(side, e => e is BinderNode or Functional or Apply)) return false;
        var symbols = Traversal.FreeSymbols(side).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (symbols.Count == 0) return false;
        var sampler = new Sampler(seed ^ 0x7A11, a);
        var values = new Dictionary<Sym, double>();
        var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var v) ? v : double.NaN);
        for (var i = 0; i < Probes; i++)
        {
            foreach (var s in symbols) values[s] = sampler.Draw(s);
            try
            {
                if (evaluator.Evaluate(side).IsDefined) return false;
            }
            catch (NotEvaluableException)
            {
                return false;
            }
        }
        return true;
    }
}
