using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The values the text solves its unknowns for. "2kr − 2(1 − k)s = 0 ⟹ k = \frac{s}{s + r}", confirmed as a consequence of
/// the equations being solved, says that wherever those equations hold k has that value. A later statement that fails with
/// k free ("substituting the gain, p = (\frac{s}{s+r})^2 r + …" after p = k²r + (1 − k)²s) is then an equation they
/// determine, not an identity in k: it is checked at the solution, with the value put in for k, and confirmed when it holds
/// there for every value of the other symbols (so at every point where the equations hold). Confirm-only: a failure there
/// may be a new equation of the system, or a case the text turns to, and stays unsupported.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many rounds of substitution a check at the solution makes (a value may name another solved unknown).</summary>
    private const int SolvedRounds = 4;

    private readonly Dictionary<string, (Expr Value, int Line)> _solvedValues = new(StringComparer.Ordinal);

    /// <summary>
    /// Records "k = value" when it was confirmed to follow from the equations being solved (an implication, or a consequence
    /// of the working equations), k an unknown of them and the value free of k.
    /// </summary>
    private void NoteSolvedValue(StatementRole role, Verdict verdict, (Expr Lhs, Expr Rhs)? sides, int line)
    {
        if (verdict.Kind != VerdictKind.Confirmed || role != StatementRole.Implication && !verdict.Reason.Contains("follows from the equations", StringComparison.Ordinal) || sides is not { } s) return;
        foreach (var (name, value) in new[] { (s.Lhs, s.Rhs), (s.Rhs, s.Lhs) })
            if (name is Sym unknown && _unknowns.ContainsKey(unknown.Name) && !Traversal.FreeSymbols(value).Contains(unknown) && Traversal.FreeSymbols(value).Count > 0
                && NoteBoundValue(unknown.Name, value, line)
                && !Traversal.Any(value, n => n is BinderNode or Functional))
            {
                _solvedValues[unknown.Name] = (value, line);
                return;
            }
    }

    /// <summary>A derivation of its own (a heading of level 1 or 2) solves its own equations.</summary>
    private void ForgetSolvedValues(int level)
    {
        if (level > 2) return;
        _solvedValues.Clear();
        _boundValues.Clear();
    }

    /// <summary>
    /// A statement withheld because it fails with an unknown of the equations free, checked at the values the text solved
    /// those unknowns for: confirmed when it holds there as an identity in its remaining symbols; else null.
    /// </summary>
    private Verdict? AtSolvedValues(Expr lhs, Expr rhs, Symbolic.Relation relation)
    {
        if (_solvedValues.Count == 0 || relation != Symbolic.Relation.Equal) return null;
        var used = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < SolvedRounds; round++)
        {
            var map = new Dictionary<Sym, Expr>();
            foreach (var s in Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct())
                if (_solvedValues.TryGetValue(s.Name, out var solved))
                {
                    map[s] = solved.Value;
                    used[s.Name] = solved.Line;
                }
            if (map.Count == 0) break;
            (lhs, rhs) = (Traversal.Substitute(lhs, map), Traversal.Substitute(rhs, map));
        }
        // Every unknown the statement names must have been put in: one left free would make "holds" an identity claim in it.
        if (used.Count == 0 || Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Any(s => _solvedValues.ContainsKey(s.Name))) return null;
        Verdict again;
        try { again = StepChecker.Check(lhs, Symbolic.Relation.Equal, rhs, _scope.Assumptions, _scope.Context, options.Seed); }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return null; }
        if (!again.Holds) return null;
        return new Verdict(VerdictKind.Confirmed,
            "it is not an identity in " + string.Join(", ", used.Keys) + ", but it holds with " +
            string.Join(", ", used.Select(u => u.Key + " = " + LatexPrinter.Print(_solvedValues[u.Key].Value) + " (line " + u.Value.ToString(CultureInfo.InvariantCulture) + ")")) +
            ", the value" + (used.Count == 1 ? "" : "s") + " the equations the text is working with determine: " + again.Reason,
            null, null, again.PointsChecked);
    }
}
