using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Limits the text states about its schedules: \lim_{t\to\infty}\bar\alpha_t = 0 (a display, or a chain ending in a
/// number), or "as $\bar\alpha_t \to 0$" in the prose (a name indexed by t tending to a number, read as t → ∞). A later
/// \lim_{t\to\infty} f whose operand depends on t only through such names, continuously at their limits, takes the
/// value f has there (lim √ᾱ_t x₀ = 0 · x₀, lim (1 − ᾱ_t) = 1). The step is then decided given the text's premise,
/// which the reason names; a premise SymKl has not checked (ᾱ_t → 0 needs Σ β_t = ∞) is never proved by itself.
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly record struct StatedLimit(string? Variable, Sym Of, Expr Value, int Line);

    private readonly List<StatedLimit> _statedLimits = new();

    /// <summary>The stated limits the current step used, for its reason.</summary>
    private readonly List<string> _limitsUsed = new();

    /// <summary>lim_{t→∞} ᾱ_t = 0: the head of the chain a limit of one name, the right side a number.</summary>
    private void NoteStatedLimit(Operand head, Operand right, int line)
    {
        // Written \lim_{…} …: nothing else is bound again (every equation passes here).
        if (head.Node is not Latex.Syntax.Operator { Name: "lim" }) return;
        if (MathBinder.Bind(head.Node, head.Parsed, _scope).Value is not Sym s || OpaqueTerms.Find(s) is not { Kind: OpaqueKind.Limit, Body: Sym of, Variable: { } v, Point: { } point }
            || !Ex.IsInfinity(point, 1) || MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } value || !OpaqueTerms.IsClosedConstant(value)) return;
        _statedLimits.Add(new StatedLimit(v.Name, of, value, line));
    }

    /// <summary>"As ᾱ_t → 0": a name whose subscript carries an index, tending to a number (the index tending to ∞).</summary>
    private void NoteTendsTo(Operand left, Operand right, int line)
    {
        if (MathBinder.Bind(left.Node, left.Parsed, _scope).Value is not Sym of || OpaqueTerms.Find(of) is not null || !of.Name.Contains('_')
            || MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } value || !OpaqueTerms.IsClosedConstant(value)) return;
        _statedLimits.Add(new StatedLimit(null, of, value, line));
    }

    /// <summary>The side with each limit at +∞ that the stated limits settle replaced by its value.</summary>
    private Expr WithStatedLimits(Expr side)
    {
        if (_statedLimits.Count == 0) return side;
        var map = new Dictionary<Sym, Expr>();
        foreach (var (symbol, term) in OpaqueTerms.In(side))
        {
            if (term is not { Kind: OpaqueKind.Limit, Variable: { } v, Point: { } point } || !Ex.IsInfinity(point, 1)) continue;
            var free = Traversal.FreeSymbols(term.Body);
            // The latest statement about each name counts (a text may restate a limit).
            var facts = _statedLimits.Where(f => free.Contains(f.Of) && (f.Variable == v.Name || f.Variable is null && OpaqueTerms.NamesVariable(f.Of, v)))
                .GroupBy(f => f.Of).Select(g => g.Last()).ToList();
            if (facts.Count == 0) continue;
            // Only through the stated names: lim ᾱ_t β_t is not 0 · β_t when β_t may grow (0 · β_t would drop it).
            if (free.Any(x => !facts.Any(f => f.Of.Equals(x)) && (x.Equals(v) || OpaqueTerms.NamesVariable(x, v)))) continue;
            if (!facts.All(f => Continuity.IsContinuousAt(term.Body, f.Of, f.Value))) continue;
            var value = Traversal.Substitute(term.Body, facts.ToDictionary(f => f.Of, f => f.Value));
            map[symbol] = value;
            foreach (var f in facts)
            {
                var note = "\\lim_{" + term.Scope + "} " + LatexPrinter.Print(f.Of) + " = " + LatexPrinter.Print(f.Value) + " (line " + f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                if (!_limitsUsed.Contains(note)) _limitsUsed.Add(note);
            }
        }
        return map.Count == 0 ? side : Traversal.Substitute(side, map);
    }

    /// <summary>The verdict restated as resting on the text's stated limits.</summary>
    private Verdict GivenStatedLimits(Verdict v) =>
        _limitsUsed.Count == 0 || v.Kind == VerdictKind.Unsupported ? v
            : v with { Reason = "given " + string.Join(" and ", _limitsUsed) + " as the text states, and the operand continuous there: " + v.Reason };
}
