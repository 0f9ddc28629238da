using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "x_{k+1} = F_k x_k + w_k" defines a sequence: the rule holds at every k, so x_k = F_{k-1} x_{k-1} + w_{k-1}. The
/// scope defines only the member written (x_{k+1}); the others (x_k, x_{k-1}) would be free values, and a step that
/// uses the rule one index earlier would fail at them. A refuted step with such members is checked again with the rule
/// put in for them, at their own index (a recursion for every member above the lowest one of its letter, which it
/// leaves free, as the rule does); what holds then is proved, what does not is unsupported (the lowest member is not
/// free when the text also fixes a start, and may be bounded by the rule).
/// </summary>
internal sealed partial class DocumentRun
{
    private const int SequencePasses = 4;

    /// <summary>Letters the text writes as labels in parentheses over subscripted names (u_k^{(a)}), read once.</summary>
    private HashSet<string>? _labelLetters;

    /// <summary>
    /// u_{k-1}^a in a text that writes u_k^{(a)}: the same label without its parentheses, read as a power of an unlabelled
    /// u_{k-1}. A refutation that rests on that reading says nothing about the step.
    /// </summary>
    private Verdict? ReviewBareLabels(Verdict verdict, Expr lhs, Expr rhs)
    {
        _labelLetters ??= [.. System.Text.RegularExpressions.Regex.Matches(document.Source.Text, @"_(?:\{[^{}]*\}|[A-Za-z0-9])\^\{\(([A-Za-z])\)\}")
            .Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value)];
        if (_labelLetters.Count == 0) return null;
        bool Bare(Expr e) => Traversal.Any(e, x => x is Pow { Base: Sym b, Exponent: Sym label } && b.Name.Contains('_') && _labelLetters.Contains(label.Name));
        return Bare(lhs) || Bare(rhs)
            ? new Verdict(VerdictKind.Unsupported, "it reads a letter over a subscripted name as a power (u_k^a), where the text writes that letter as a label (u_k^{(a)}); not refuted", verdict.Residue, null, verdict.PointsChecked)
            : null;
    }

    /// <summary>A refutation at a point where a member of a sequence the text defines took a free value, reviewed; null when none did.</summary>
    private Verdict? ReviewSequenceMembers(Verdict verdict, Expr lhs, Expr rhs)
    {
        var rules = SequenceRules();
        if (rules.Count == 0) return null;
        var members = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct()
            .Where(s => !_scope.DefinesSymbol(s.Name) && ShiftedMembers.Single(s.Name) is { } m && rules.ContainsKey((m.Base, m.Var))).ToList();
        if (members.Count == 0) return null;
        var first = members[0].Name;
        var (l, r) = WithSequenceRules(lhs, rhs, rules);
        // Only lowest members of recursions: nothing to put in, and the other reviews judge their free values, unless the
        // point also chose a name the text gives a value only further on (\xi_k^{(a)} = u_k^{(t)} - u_k^{(a)} later).
        if (l.Equals(lhs) && r.Equals(rhs))
            return verdict.Counterexample?.Values.Any(kv => _givenNames.Contains(kv.Key) && !_scope.DefinesSymbol(kv.Key)) == true
                ? new Verdict(VerdictKind.Unsupported, "its truth depends on " + first + ", a member of the sequence the text defines by a rule at another index, and on a name the text gives a value only further on; not refuted", verdict.Residue, null, verdict.PointsChecked)
                : null;
        var again = StepChecker.Check(l, Relation.Equal, r, _scope.Assumptions, _scope.Context, options.Seed);
        if (again.Holds)
            return again with { Reason = again.Reason + " (with the recursion the text defines " + first + " by, put in at the indices written)" };
        // Every member written out by its rule (none left free at the lowest index of a recursion): what fails now fails.
        if (again.Kind == VerdictKind.Refuted && !LeavesMembers(l, r, rules))
            return again with { Reason = again.Reason + " (with the rule the text defines " + first + " by, put in at the indices written)" };
        return new Verdict(VerdictKind.Unsupported, "its truth depends on " + first + ", a member of the sequence the text defines by a rule at another index (x_{k+1} = ...); SymKl does not decide it from that rule", verdict.Residue, null, verdict.PointsChecked);
    }

    private bool LeavesMembers(Expr lhs, Expr rhs, Dictionary<(string Base, string Var), (long Offset, Expr Body)> rules) =>
        Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Any(s => !_scope.DefinesSymbol(s.Name) && ShiftedMembers.Single(s.Name) is { } m && rules.ContainsKey((m.Base, m.Var)));

    /// <summary>The text's defined members x_{k+c} = body, by letter and index symbol: the offset written and the body.</summary>
    private Dictionary<(string Base, string Var), (long Offset, Expr Body)> SequenceRules()
    {
        var rules = new Dictionary<(string, string), (long, Expr)>();
        foreach (var kv in _scope.SymbolDefinitions())
            // Algebra of members only; a running product (\bar{α}_t = ∏_{s=1}^{t} α_s) is kept as a value of its own (RememberRunningProduct).
            if (ShiftedMembers.Single(kv.Key) is { } m && !rules.ContainsKey((m.Base, m.Var)) && !_runningProducts.Any(p => p.Name == kv.Key) && !Traversal.Any(kv.Value, x => x is not (Add or Mul or Pow or Num or Sym or Constant)))
                rules[(m.Base, m.Var)] = (m.Offset, kv.Value);
        return rules;
    }

    /// <summary>
    /// Each member of a defined letter at another index replaced by the rule moved to that index; for a recursion (the
    /// rule uses its own letter) only members above the lowest of that letter in the expression, so it never unrolls
    /// past what the step wrote.
    /// </summary>
    private (Expr Lhs, Expr Rhs) WithSequenceRules(Expr lhs, Expr rhs, Dictionary<(string Base, string Var), (long Offset, Expr Body)> rules)
    {
        for (var pass = 0; pass < SequencePasses; pass++)
        {
            // The lowest member over both sides: x_k on the left and x_{k-1} on the right is one step of the rule.
            var symbols = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct().ToList();
            var lowest = new Dictionary<(string, string), long>();
            foreach (var s in symbols)
                if (ShiftedMembers.Single(s.Name) is { } m)
                    lowest[(m.Base, m.Var)] = lowest.TryGetValue((m.Base, m.Var), out var low) ? Math.Min(low, m.Offset) : m.Offset;
            var map = new Dictionary<Sym, Expr>();
            foreach (var s in symbols)
            {
                if (_scope.DefinesSymbol(s.Name) || ShiftedMembers.Single(s.Name) is not { } m || !rules.TryGetValue((m.Base, m.Var), out var rule) || rule.Offset == m.Offset) continue;
                var recursive = Traversal.FreeSymbols(rule.Body).Any(x => ShiftedMembers.Single(x.Name) is { } y && y.Base == m.Base && y.Var == m.Var);
                if (recursive && m.Offset == lowest[(m.Base, m.Var)]) continue;
                var by = m.Offset - rule.Offset;
                // The rule at another index: its members and its index itself (a limit ∏_{j=1}^{k}) moved.
                var index = Ex.Sym(m.Var);
                map[s] = Ex.Map(rule.Body, x => x is Sym y ? y.Equals(index) ? Ex.Add(index, Ex.Num(by)) : ShiftedMembers.Moved(y.Name, m.Var, by) is { } moved ? Ex.Sym(moved) : x : x);
            }
            if (map.Count == 0) break;
            (lhs, rhs) = (_scope.SubstituteSymbols(Traversal.Substitute(lhs, map)), _scope.SubstituteSymbols(Traversal.Substitute(rhs, map)));
        }
        return (lhs, rhs);
    }
}
