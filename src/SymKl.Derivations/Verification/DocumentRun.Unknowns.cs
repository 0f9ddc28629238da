using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The unknowns of the text: symbols of the equations it is working with (the equations being solved, values and
/// cases, the premises of implications). After "setting the derivative to zero, 1 + log p − λ₀ = 0", λ₀ is no longer a
/// free parameter: a later statement such as e^{λ₀ − 1} = √(π/λ₁) is an equation it determines, not an identity in λ₀.
/// A counterexample may give such a symbol a value only when no value of it makes the statement hold.
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly Dictionary<string, int> _unknowns = new(StringComparer.Ordinal);

    /// <summary>The unknowns noted since the last heading of level 1 or 2 (a derivation of its own), each at its first line there.</summary>
    private readonly Dictionary<string, int> _sectionUnknowns = new(StringComparer.Ordinal);

    /// <summary>Unknowns first noted by a stated condition ("if σ₁ = σ₂"), with the level of the section it was stated in.</summary>
    private readonly Dictionary<string, int> _conditionUnknowns = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the symbols of a condition ("if", "when", "assume" … an equation): like comparisons, it holds to the end of
    /// its section, and its symbols are free parameters again after it (a later case σ₁ = 2σ₂ is no equation it determines).
    /// </summary>
    private void NoteConditionUnknowns(Expr lhs, Expr rhs, int line, (Expr Lhs, Expr Rhs) premise)
    {
        _conditionPremises.Add(premise);
        NoteUnknowns(lhs, rhs, line, condition: true);
    }

    /// <summary>The premises that stated conditions added (an implication drawn from them is conditional too).</summary>
    private readonly List<(Expr Lhs, Expr Rhs)> _conditionPremises = [];

    /// <summary>True when the equations being solved include a stated condition.</summary>
    private bool UnderCondition() => _premises.Any(p => _conditionPremises.Contains(p));

    /// <summary>At a heading of <paramref name="level"/>: the unknowns of conditions stated in the section it ends are forgotten.</summary>
    private void ForgetConditionUnknowns(int level)
    {
        if (_premises.Count == 0) _conditionPremises.Clear();
        foreach (var stated in _conditionUnknowns.ToList())
        {
            if (stated.Value == 0 || stated.Value < level) continue;
            _unknowns.Remove(stated.Key);
            _conditionUnknowns.Remove(stated.Key);
        }
    }

    /// <summary>Records the symbols of an equation the text works with (not those only inside a function's arguments: x in p(x)).</summary>
    private void NoteUnknowns(Expr lhs, Expr rhs, int line, bool condition = false)
    {
        foreach (var side in new[] { lhs, rhs })
            foreach (var s in Traversal.FreeSymbols(side))
                if (!s.Equals(Ex.Infinity) && OutsideArguments(side, s))
                {
                    if (!_unknowns.ContainsKey(s.Name))
                    {
                        _unknowns[s.Name] = line;
                        if (condition) _conditionUnknowns[s.Name] = _level;
                    }
                    // Noted by an equation the text works with: no longer only a condition's.
                    else if (!condition) _conditionUnknowns.Remove(s.Name);
                    if (!_sectionUnknowns.ContainsKey(s.Name)) _sectionUnknowns[s.Name] = line;
                }
    }

    private static bool OutsideArguments(Expr e, Sym s) => e switch
    {
        Sym x => x.Equals(s),
        Apply => false,
        _ => e.Children.Any(c => OutsideArguments(c, s)),
    };

    /// <summary>
    /// A refutation whose counterexample sets an unknown of the text stands only when the statement, read as an
    /// equation, has no solution at all (one side exceeds the other everywhere); otherwise it may be one the earlier
    /// equations determine (at the text's values of the unknowns, and within domains it takes for granted, such as
    /// a &lt; b for ∫_a^b), and it is unsupported, naming the unknown and where it was constrained. A computed
    /// derivative (∂L/∂q = …) is claimed for every value whatever equations hold, and keeps its refutation.
    /// </summary>
    private Verdict Unconstrained(Verdict verdict, Expr lhs, Expr rhs, Symbolic.Relation relation, bool claimedOutright)
    {
        if (claimedOutright || verdict.Kind != VerdictKind.Refuted || relation != Symbolic.Relation.Equal || verdict.Counterexample is not { } ce || _unknowns.Count == 0) return verdict;
        // The counterexample names the symbols of the statement with the text's definitions expanded (λ₀ in p(x) = e^{1 − λ₀}).
        var given = ce.Values.Select(kv => kv.Key).FirstOrDefault(k => UnknownFor(k) is not null);
        if (given is null || ClaimReading.NoSolution(lhs, rhs, SignsThatMatter(lhs, rhs), _scope.Context, options.Seed)) return verdict;
        var unknown = UnknownFor(given)!;
        return new Verdict(VerdictKind.Unsupported,
            "it fails at " + string.Join(", ", ce.Values.Select(o => o.Key + " = " + o.Value.ToString("G6", CultureInfo.InvariantCulture))) + ", but " +
            (unknown == given ? unknown : given + " (" + unknown + " at one value of its index)") +
            " is an unknown of the equations the text is working with (line " + _unknowns[unknown].ToString(CultureInfo.InvariantCulture) +
            ") and other values satisfy this one; SymKl cannot tell an equation those determine from an identity",
            verdict.Residue, ce, verdict.PointsChecked);
    }

    /// <summary>
    /// The unknown a counterexample's name is: itself, or — for a name at a numeric index (p_1) — the same letter at a
    /// running index (p_j) when the equations in force hold that one: "p_j/q_j = p_K/q_K" stated for every j is an
    /// equation in p_1 and q_1 as much as in p_j and q_j (p_1/q_1 = p_2/q_2 follows from it). Null when neither is one.
    /// </summary>
    private string? UnknownFor(string name)
    {
        if (_unknowns.ContainsKey(name)) return name;
        var (head, index) = SplitIndex(name);
        if (index.Length == 0 || !index.All(char.IsDigit)) return null;
        return _unknowns.Keys.Where(u => SplitIndex(u) is var (h, i) && h == head && i.Length == 1 && i[0] is >= 'a' and <= 'z')
            .OrderBy(u => u, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>
    /// The statement writes a name at a numeric index (p_2) whose letter the equations hold at a running index (p_j): they
    /// constrain it at that index, which the check of a consequence does not write out, so a point where they hold and the
    /// statement fails shows nothing.
    /// </summary>
    private static bool InstanceOfIndexed(IEnumerable<Expr> equations, Expr lhs, Expr rhs)
    {
        var running = new HashSet<string>(equations.SelectMany(Traversal.FreeSymbols).Select(s => SplitIndex(s.Name))
            .Where(x => x.Index.Length == 1 && x.Index[0] is >= 'a' and <= 'z').Select(x => x.Head), StringComparer.Ordinal);
        if (running.Count == 0) return false;
        return Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => SplitIndex(s.Name))
            .Any(x => x.Index.Length > 0 && x.Index.All(char.IsDigit) && running.Contains(x.Head));
    }
}
