using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What a '≠' between expressions with free parameters claims. The kernel's '≠' means "not identically equal", and one
/// point where the sides differ shows that. A document's statement is read as a claim for every value of its
/// parameters, the way its '=' is: "D_KL(P‖Q) ≠ D_KL(Q‖P) if P ≠ Q" says the sides differ at every admissible point,
/// and it is false (two normals of equal variance), though random points will not find where. Sampling can show
/// such a claim only where the sides differ by a nonzero constant; otherwise the step is confirmed only when the prose
/// says the weaker thing ("in general", "not always", "need not"). `symkl equal --relation !=` keeps the kernel's meaning.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly string[] InGeneralCues =
        ["in general", "generally", "not always", "not necessarily", "need not", "needn't", "usually", "typically", "in most cases"];

    private Verdict ReviewInequation(Verdict v, Expr lhs, Expr rhs, bool plainNotEqual)
    {
        // A step given on the command line compares two expressions, as a computer-algebra system does: '≠' there asks
        // whether they are identically equal, and a point where they differ answers it.
        if (v.Kind != VerdictKind.Confirmed || options.ClaimsOnly) return v;
        if (!Traversal.FreeSymbols(lhs).Any() && !Traversal.FreeSymbols(rhs).Any()) return v;
        // A residue without free symbols is a nonzero constant (a zero one would have proved the equality): they differ everywhere.
        if (v.Residue is { } residue && !Traversal.FreeSymbols(residue).Any()) return v;
        if (InGeneralCue() is { } cue)
            return v with { Reason = "not identically equal, as the prose says ('" + cue + "'): " + v.Reason };
        if (plainNotEqual && ClaimsForEveryPair() && EqualForSomeLaws(lhs, rhs) is { } counter) return counter;
        return new Verdict(VerdictKind.Unsupported,
            "the two sides are not identically equal (" + v.Reason + "), but a '≠' read for every value of its parameters needs them to differ everywhere, which sample points cannot show; if the claim is that they differ in general, say so ('in general')",
            v.Residue, v.Counterexample, v.PointsChecked);
    }

    /// <summary>"if P ≠ Q", "whenever p ≠ q", "for all", "for every": the '≠' is claimed for every pair of laws, not "in general".</summary>
    private static readonly System.Text.RegularExpressions.Regex EveryPairCue = new(
        @"(?:\b(?:if|whenever|when|for|unless)\b\s*\}?\s*[A-Za-z]\s*(?:\\neq|\\ne\b|≠|!=)\s*[A-Za-z]\b)|\b(?:for all|for any|for every|for each)\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// The statement's sentence (its math included) says the '≠' holds for every pair of distinct laws ("if P ≠ Q"):
    /// only then is one pair where the sides agree a counterexample. "KL is not symmetric: KL(P‖Q) ≠ KL(Q‖P)" alone
    /// says that they differ in general, and `\not\equiv` that they are not identically equal, both true.
    /// </summary>
    private bool ClaimsForEveryPair()
    {
        if (_block is null) return false;
        var (before, after) = SentenceAroundBlock();
        return EveryPairCue.IsMatch(before + " " + _block.Text + " " + after);
    }

    /// <summary>Small categorical laws, by number of categories: pairs among them are swaps and permutations of each other.</summary>
    private static readonly long[][][] CatalogueLaws =
    [
        [[1, 4], [3, 4]], [[3, 4], [1, 4]], [[1, 2], [1, 2]], [[1, 3], [2, 3]], [[2, 3], [1, 3]],
        [[1, 6], [1, 3], [1, 2]], [[1, 2], [1, 3], [1, 6]], [[1, 3], [1, 6], [1, 2]], [[1, 3], [1, 3], [1, 3]],
    ];

    /// <summary>
    /// A '≠' between information functionals (KL, entropy, cross-entropy) of distributions the document leaves abstract
    /// (P, Q): such a claim holds for every pair of laws, so one pair of distinct laws where the sides are exactly equal
    /// refutes it. Tries distinct small categorical laws (swaps and permutations of each other) for the abstract names and
    /// refutes only when the difference of the closed forms normalises to 0. Null when no such pair is found.
    /// </summary>
    private Verdict? EqualForSomeLaws(Expr lhs, Expr rhs)
    {
        if (!Traversal.Any(lhs, n => n is Functional) || !Traversal.Any(rhs, n => n is Functional)) return null;
        var names = new List<string>();
        var abstractOnly = true;
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, n =>
            {
                if (n is not Functional f) return false;
                foreach (var arg in f.Args)
                {
                    if (arg is Sym s && Calculus.InstanceOf(s, _scope.Context) is null && Calculus.CategoricalProbabilities(s, _scope.Context) is null) { if (!names.Contains(s.Name)) names.Add(s.Name); }
                    else abstractOnly = false;
                }
                return false;
            });
        if (!abstractOnly || names.Count is 0 or > 3) return null;
        // Free symbols other than the distributions: the claim is about more than the laws, not decided here.
        var distributionSymbols = new HashSet<string>(names, StringComparer.Ordinal);
        if (Traversal.FreeSymbols(Ex.Sub(lhs, rhs)).Any(s => !distributionSymbols.Contains(s.Name))) return null;
        var budget = 200;
        foreach (var size in new[] { 2, 3 })
        {
            var laws = CatalogueLaws.Where(l => l.Length == size).ToList();
            foreach (var choice in Assignments(laws.Count, names.Count))
            {
                if (--budget < 0) return null;
                var context = _scope.Context;
                for (var i = 0; i < names.Count; i++)
                    context = context.WithDefinition(new FunctionDefinition(names[i], [], Ex.Apply("Categorical", laws[choice[i]].Select(pq => (Expr)Ex.Num(pq[0], pq[1])).ToArray())));
                var l = Calculus.Evaluate(lhs, context, _scope.Assumptions);
                var r = Calculus.Evaluate(rhs, context, _scope.Assumptions);
                if (!l.IsComplete || !r.IsComplete || Traversal.FreeSymbols(l.Value).Any() || Traversal.FreeSymbols(r.Value).Any()) continue;
                if (!Normalizer.Normalize(Ex.Sub(l.Value, r.Value), _scope.Assumptions).IsZero) continue;
                var evaluator = new NumericEvaluator(_ => double.NaN);
                var (lv, rv) = (evaluator.Evaluate(l.Value), evaluator.Evaluate(r.Value));
                if (!lv.IsDefined || !rv.IsDefined || Math.Abs(lv.Value - rv.Value) > 1e-12 * (1 + Math.Abs(lv.Value))) continue;
                var shown = names.Select((n, i) => n + " = Categorical(" + string.Join(", ", laws[choice[i]].Select(pq => pq[0] + "/" + pq[1])) + ")").ToList();
                var values = names.SelectMany((n, i) => laws[choice[i]].Select((pq, k) => new KeyValuePair<string, double>(n + "(" + (k + 1) + ")", (double)pq[0] / pq[1]))).ToList();
                return new Verdict(VerdictKind.Refuted,
                    "a '≠' between information measures of the laws " + string.Join(", ", names) + " claims they differ for every choice of distinct laws, but for "
                    + string.Join(" and ", shown) + " both sides equal " + LatexPrinter.Print(l.Value) + " exactly",
                    null, new Counterexample(values, lv.Value, rv.Value), 1);
            }
        }
        return null;
    }

    /// <summary>Injective choices of <paramref name="k"/> of <paramref name="n"/> laws (distinct names get distinct laws).</summary>
    private static IEnumerable<int[]> Assignments(int n, int k)
    {
        if (k == 0) { yield return []; yield break; }
        foreach (var rest in Assignments(n, k - 1))
            for (var i = 0; i < n; i++)
                if (!rest.Contains(i)) yield return [.. rest, i];
    }

    /// <summary>A cue for the "in general" reading in the sentence around the current math.</summary>
    private string? InGeneralCue()
    {
        if (_block is null) return null;
        var text = document.Source.Text;
        var from = Math.Min(text.Length, _block.Offset + _block.Length);
        // The words after the math up to the end of its sentence (past the closing delimiter and a line break).
        var after = text.Substring(from, Math.Min(160, text.Length - from)).TrimStart('$', '\\', ']', ')', ' ', '\t', '\r', '\n');
        var end = after.IndexOf('.');
        var paragraph = after.IndexOf("\n\n", StringComparison.Ordinal);
        if (paragraph >= 0 && (end < 0 || paragraph < end)) end = paragraph;
        var around = (_block.ProseBefore + " " + (end < 0 ? after : after.Substring(0, end))).ToLowerInvariant();
        return InGeneralCues.FirstOrDefault(c => around.Contains(c));
    }
}
