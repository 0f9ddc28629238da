using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "The first derivatives are: ∂L/∂p_i = −log p_i − 1 − λ, ∂L/∂λ = −Σ_i p_i + 1. Setting the first equation to zero and
/// solving, we have p_i = e^{−λ−1}": the words name computed derivatives of an earlier display and set them to zero. Those
/// equations (each derivative's final expression = 0) become the premises of what the display after the words says, which
/// is checked as their consequence. Only when the words say which derivatives (an ordinal, "both", "them", or the only one
/// there is); refutable only when nothing else is said ("and solving, we have"): other words may bring in what SymKl does not follow.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The final expressions of the computed derivatives of the latest display that wrote some (null: unread), row by row.</summary>
    private readonly List<Expr?> _derivativeRows = [];
    private MathBlock? _derivativeBlock;
    private int _derivativeSection = -1;

    /// <summary>This section computed derivatives SymKl read: words setting "it" to zero are about them, read or not.</summary>
    private bool DerivativesReadInSection => _derivativeSection == _section && _derivativeRows.Any(r => r is not null);

    /// <summary>The cue of the current block when its words set earlier derivatives to zero (their equations are then premises).</summary>
    private Cue? _zeroCue;

    private static readonly Regex SetToZeroWords = new(@"\b(setting|set|equating|equate|putting)\b(?<what>[^.;:]{0,60}?)\b(to|equal\s+to|equals?)\s+(zero|0)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex OrdinalWords = new(@"\b(?<n>first|second|third|fourth|fifth|last)\b(?=(\s*(,|and)\s*(first|second|third|fourth|fifth|last))*\s+(equation|expression|line|row|one|condition)s?\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex AllWords = new(@"\b(both|them|these|all|each)\b|\bthe\s+(derivatives|equations|expressions|gradients|partials)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex OneWords = new(@"\b(it|this|the\s+(derivative|equation|expression|gradient|partial))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Words that add nothing once the derivatives set to zero are premises: "setting the first equation to zero and solving, we have".</summary>
    private static readonly HashSet<string> ZeroConnectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "so", "hence", "thus", "therefore", "then", "implies", "implying", "gives", "giving", "yields", "it", "follows", "that", "we", "get", "obtain",
        "find", "have", "and", "which", "this", "is", "setting", "set", "equating", "equate", "putting", "to", "zero", "0", "equal", "equals", "the",
        "first", "second", "third", "fourth", "fifth", "last", "equation", "equations", "derivative", "derivatives", "expression", "expressions",
        "both", "them", "these", "all", "each", "using", "solving", "solve", "now",
    };

    /// <summary>Remembers the final expression of a chain that computes a derivative (∂L/∂p = … = −log p − 1 − λ) in display math.</summary>
    private void NoteComputedDerivative(LatexRelation chain, List<Operand> operands, ParseResult parsed, MathBlock block, bool continued)
    {
        if (!block.IsDisplay || operands.Count < 2 || !chain.Operators.All(o => o.Kind == RelationKind.Equal && !o.Negated)) return;
        var sameDisplay = ReferenceEquals(block, _derivativeBlock) && _derivativeSection == _section;
        if (continued)
        {
            // "&= …" on the next row rewrites the same derivative further.
            if (sameDisplay && _derivativeRows.Count > 0) _derivativeRows[^1] = Final(operands[^1]);
            return;
        }
        if (!ComputedDerivative(operands[0].Node)) return;
        if (!sameDisplay)
        {
            _derivativeRows.Clear();
            _derivativeBlock = block;
            _derivativeSection = _section;
        }
        _derivativeRows.Add(Final(operands[^1]));

        Expr? Final(Operand operand) =>
            MathBinder.Bind(operand.Node, operand.Parsed, _scope).Value is { } value && !Traversal.Any(value, n => n is Functional) ? _scope.SubstituteSymbols(value) : null;
    }

    /// <summary>
    /// At the start of a block: when the words before it set derivatives of the latest display (in this section) to zero,
    /// their equations join the premises, and the block's equations are read as what follows from them.
    /// </summary>
    private void TakeDerivativesSetToZero(MathBlock block)
    {
        _zeroCue = null;
        if (options.ClaimsOnly || _derivativeRows.Count == 0 || _derivativeSection != _section || ReferenceEquals(block, _derivativeBlock)) return;
        var prose = block.ProseBefore;
        var set = SetToZeroWords.Match(prose);
        if (!set.Success) return;
        var what = set.Groups["what"].Value;
        var chosen = new List<int>();
        var ordinals = OrdinalWords.Matches(prose);
        if (ordinals.Count > 0)
        {
            foreach (Match m in ordinals)
            {
                var k = m.Groups["n"].Value.ToLowerInvariant() switch
                {
                    "first" => 0,
                    "second" => 1,
                    "third" => 2,
                    "fourth" => 3,
                    "fifth" => 4,
                    _ => _derivativeRows.Count - 1,
                };
                if (k >= _derivativeRows.Count) return;
                if (!chosen.Contains(k)) chosen.Add(k);
            }
        }
        else if (AllWords.IsMatch(what)) chosen.AddRange(Enumerable.Range(0, _derivativeRows.Count));
        else if (_derivativeRows.Count == 1 && OneWords.IsMatch(what)) chosen.Add(0);
        if (chosen.Count == 0 || chosen.Any(k => _derivativeRows[k] is null)) return;
        foreach (var k in chosen)
        {
            _premises.Add((_derivativeRows[k]!, Ex.Zero));
            NoteUnknowns(_derivativeRows[k]!, Ex.Zero, block.Line);
        }
        var words = Regex.Matches(prose, @"[A-Za-z0-9]+").Cast<Match>().Select(m => m.Value).ToList();
        _zeroCue = new Cue(CueKind.Implication, prose.Trim(' ', ',', ';', ':', '.', '\n'), words.All(ZeroConnectives.Contains));
    }

    /// <summary>
    /// An implication checked against the equations being solved. "p_i = e^{−λ−1}" among them gives every p_i that value,
    /// so Σ_{i=a}^{b} p_i is (b − a + 1) e^{−λ−1}: the value put in, and sums of a summand that no longer depends on the
    /// index counted. The limits of such sums are integers, and a point where a sum's upper limit is below its lower one
    /// (an empty sum, which the count misreads) refutes nothing.
    /// </summary>
    private Verdict CheckImplication(Expr lhs, Expr rhs, bool refutable, string cueText, int line = 0)
    {
        var verdict = CheckImplicationAgainstPremises(lhs, rhs, refutable, cueText);
        // Integrals in them (∫ e^{λ₀−1+λ₁x} dx = 1 with the density solved for): evaluated by quadrature (DocumentRun.Constraints).
        if (verdict.Reason == ImplicationChecker.NotAlgebra && IntegralImplication(lhs, rhs, refutable, cueText) is { } withIntegrals) verdict = withIntegrals;
        // No points with every λ positive by convention: again with the multipliers of any sign, only ever to confirm.
        if (verdict.Reason is ImplicationChecker.NoPoints or ImplicationChecker.TooFewPoints && _premises.Count > 0 && Multipliers(_premises, lhs, rhs) is { } relaxed
            && ImplicationChecker.Check(_premises, lhs, rhs, relaxed, mayRefute: false, cueText, options.Seed, _scope.Context.IsKnownFunction) is { Kind: VerdictKind.Confirmed } asMultipliers)
            return asMultipliers with { Reason = asMultipliers.Reason + ", with the multipliers λ of any sign (a Lagrange multiplier is not a rate)" };
        // "Then e^{λ₀−1} Σ_k e^{λ₁k} = 1" after Σ_k e^{λ₀−1} e^{λ₁k} = 1: the last of them rearranged, which needs no solving.
        if (verdict.Kind == VerdictKind.Unsupported && _premises.Count > 0 && Rearranged(_premises[^1].Lhs, _premises[^1].Rhs, "the equation before it", lhs, rhs) is { } rearranged)
        {
            _undecided = new WorkingEquation(lhs, rhs, line, Followed: false);
            return rearranged;
        }
        return verdict;
    }

    private Verdict CheckImplicationAgainstPremises(Expr lhs, Expr rhs, bool refutable, string cueText)
    {
        var values = new Dictionary<Sym, Expr>();
        foreach (var (l, r) in _premises)
            foreach (var (name, value) in new[] { (l, r), (r, l) })
                if (name is Sym s && IndexOf(s) is { } index && !Traversal.FreeSymbols(value).Contains(index) && !Traversal.FreeSymbols(value).Contains(s)
                    && !Traversal.Any(value, n => n is BinderNode) && !values.ContainsKey(s))
                    values[s] = value;
        var assumptions = _scope.Assumptions;
        if (values.Count == 0 || !_premises.Concat([(lhs, rhs)]).Any(p => HasSum(p.Item1) || HasSum(p.Item2)))
        {
            var direct = ImplicationChecker.Check(_premises, lhs, rhs, assumptions, refutable, cueText, options.Seed, _scope.Context.IsKnownFunction);
            // Σ_{k=1}^{M} e^{−1−η} = 1 among them: M copies of the summand, an algebraic equation in M (an integer). A point
            // where an upper limit is below the lower one (an empty sum, which the count misreads) refutes nothing.
            if (direct.Reason != ImplicationChecker.NotAlgebra) return direct;
            var counted = _premises.Select(p => (Counted(p.Lhs), Counted(p.Rhs))).ToList();
            var ranges = new List<(Expr Lower, Expr Upper)>();
            foreach (var e in _premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]))
                Traversal.Any(e, n =>
                {
                    if (n is Summation { Lower: { } lower, Upper: { } upper }) ranges.Add((lower, upper));
                    return false;
                });
            foreach (var (lower, upper) in ranges)
                foreach (var s in Traversal.FreeSymbols(lower).Concat(Traversal.FreeSymbols(upper)))
                    if (!assumptions.IsInteger(s)) assumptions = assumptions.With(s.Name, Domain.Integer);
            var byCount = ImplicationChecker.Check(counted, Counted(lhs), Counted(rhs), assumptions, refutable, cueText, options.Seed, _scope.Context.IsKnownFunction);
            if (byCount.Reason == ImplicationChecker.NotAlgebra) return direct;
            if (byCount is { Kind: VerdictKind.Refuted, Counterexample: { } point } && ranges.Any(r => !Ordered(r.Lower, r.Upper, point)))
                return new Verdict(VerdictKind.Unsupported, "it fails at a point where the upper limit of a sum is below its lower one (an empty sum); not refuted (" + byCount.Reason + ")", byCount.Residue, null, byCount.PointsChecked);
            return byCount with { Reason = byCount.Reason + " (sums of a summand without the index counted)" };
        }
        var limits = new List<(Expr Lower, Expr Upper)>();
        Expr Put(Expr e)
        {
            var put = Counted(Traversal.Substitute(e, values));
            Traversal.Any(e, n =>
            {
                if (n is Summation { Lower: { } lower, Upper: { } upper }) limits.Add((lower, upper));
                return false;
            });
            return put;
        }
        var premises = _premises.Select(p => p.Lhs is Sym s && values.TryGetValue(s, out var v) && v.Equals(p.Rhs) || p.Rhs is Sym t && values.TryGetValue(t, out var w) && w.Equals(p.Lhs)
            ? p : (Put(p.Lhs), Put(p.Rhs))).ToList();
        var (l2, r2) = (Put(lhs), Put(rhs));
        foreach (var (lower, upper) in limits)
            foreach (var s in Traversal.FreeSymbols(lower).Concat(Traversal.FreeSymbols(upper)))
                if (!assumptions.IsInteger(s)) assumptions = assumptions.With(s.Name, Domain.Integer);
        var verdict = ImplicationChecker.Check(premises, l2, r2, assumptions, refutable, cueText, options.Seed, _scope.Context.IsKnownFunction);
        if (verdict is { Kind: VerdictKind.Refuted, Counterexample: { } ce } && limits.Any(lim => !Ordered(lim.Lower, lim.Upper, ce)))
            return new Verdict(VerdictKind.Unsupported, "it fails at a point where the upper limit of a sum is below its lower one (an empty sum); not refuted (" + verdict.Reason + ")",
                verdict.Residue, null, verdict.PointsChecked);
        return verdict with { Reason = verdict.Reason + " (with the value of " + string.Join(", ", values.Keys.Select(k => k.Name)) + " put into the sums)" };
    }

    /// <summary>The index of an indexed value: i in p_i or p_{i}; null for other names.</summary>
    private static Sym? IndexOf(Sym s)
    {
        var m = Regex.Match(s.Name, @"^[A-Za-z\\]+_\{?([a-z])\}?$");
        return m.Success ? Ex.Sym(m.Groups[1].Value) : null;
    }

    /// <summary>True when the counterexample's values put the lower limit at or below the upper one (limits it cannot evaluate count as ordered only when they are numbers).</summary>
    private static bool Ordered(Expr lower, Expr upper, Counterexample ce)
    {
        var values = ce.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        double? Value(Expr e)
        {
            try
            {
                var v = new NumericEvaluator(s => values.TryGetValue(s.Name, out var d) ? d : double.NaN).Evaluate(e);
                return v.IsDefined ? v.Value : null;
            }
            catch (NotEvaluableException)
            {
                return null;
            }
        }
        return Value(lower) is { } a && Value(upper) is { } b && a <= b;
    }
}
