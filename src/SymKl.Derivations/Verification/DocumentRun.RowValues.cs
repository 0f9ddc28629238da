using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Z = X + Y = aX + bY \quad \text{with} \quad a = b = 1": names set to a value by words after a formula in its row
/// ("with", "where", "for") are the values the formula is stated at. Read in row order, the formula was checked with a
/// and b free and refuted; such an equation is a condition of the row like a case after "if". Unlike a case SymKl cannot
/// use, values can be put in: the formula is checked again at them, and refuted there only if it fails there too.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Words that, before names set to a value, give the values a formula in the same row is stated at.</summary>
    private static readonly HashSet<string> ValueOpeners = new(StringComparer.OrdinalIgnoreCase) { "with", "where", "for" };

    /// <summary>a = b = 1, \lambda = \frac{1}{2}: plain names, then one constant.</summary>
    private static bool SetsNamesToValue(LatexRelation relation, ParseResult parsed) =>
        relation.Operands.Count >= 2 && relation.Operators.All(o => o.Kind == RelationKind.Equal && !o.Negated)
        && relation.Operands.Take(relation.Operands.Count - 1).All(o => o is Identifier { Primes: 0 })
        && (relation.Operands[^1] is Number || ConstantQuantity(relation.Operands[^1], parsed));

    /// <summary>The names the row's conditions set to a value, with those values (null when none does).</summary>
    private Dictionary<Sym, Expr>? RowValues(List<LatexRelation> conditions, ParseResult parsed)
    {
        var values = new Dictionary<Sym, Expr>();
        foreach (var c in conditions)
        {
            if (!SetsNamesToValue(c, parsed) || MathBinder.Bind(c.Operands[^1], parsed, _scope).Value is not { } value) continue;
            foreach (var name in c.Operands.Take(c.Operands.Count - 1).OfType<Identifier>()) values[Ex.Sym(MathBinder.SymbolName(name, parsed))] = value;
        }
        return values.Count == 0 ? null : values;
    }

    /// <summary>A refuted step of the row checked again at the values its conditions give; null when it cannot be.</summary>
    private Verdict? AtRowValues(StepResult step, List<LatexRelation> conditions, ParseResult parsed)
    {
        if (RowValues(conditions, parsed) is not { } values || step.LhsExpr is not { } l || step.RhsExpr is not { } r) return null;
        var lhs = Traversal.Substitute(_scope.SubstituteSymbols(l), values);
        var rhs = Traversal.Substitute(_scope.SubstituteSymbols(r), values);
        var at = string.Join(", ", values.Select(kv => kv.Key.Name + " = " + LatexPrinter.Print(kv.Value)));
        Verdict v;
        try
        {
            using var budget = StepBudget.Open(options, TimeSpan.FromSeconds(20))!;
            v = StepChecker.Check(lhs, step.Kind, rhs, step.Assumptions ?? _scope.Assumptions, step.Context ?? _scope.Context, options.Seed, budget.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or InsufficientExecutionStackException)
        {
            return null;
        }
        return v.Kind switch
        {
            VerdictKind.Refuted => v with { Reason = "at the values the row states (" + at + "): " + v.Reason },
            VerdictKind.Proved or VerdictKind.Confirmed => new Verdict(VerdictKind.Confirmed, "it holds at the values the row states (" + at + "): " + v.Reason, null, null, v.PointsChecked),
            _ => null,
        };
    }
}
