using System.Globalization;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// Sums whose index is given by a condition: \sum_{t \geq 1}, \sum_{t \ge 2}, \sum_{t > 1} over the members x_t of a
/// sequence. The start is the condition's; the end is the sequence's last index, read only where the formula names it:
/// the one capital letter written as a subscript of a name the summand writes with the index (x_T beside x_t, x_{t-1}).
/// The reading (t up to that T) is said in a warning; with no such letter, or with several, the sum is not read.
/// </summary>
internal sealed partial class Binder
{
    private const int MaxConditionScan = 4_000;

    /// <summary>True when the sum's subscript is a condition t ≥ a or t > a on a plain index letter, with no upper limit.</summary>
    private static bool IsConditionIndex(Sum s) =>
        s.Upper is null && s.Lower is Syntax.Relation { Operands: [Identifier v, Number], Operators: [{ Negated: false, Kind: RelationKind.Greater or RelationKind.GreaterEqual }] }
        && IsIndexLetter(v);

    /// <summary>t = a (or a + 1 after '>') … T; null (reported) when the end is not named once in the formula.</summary>
    private IndexRange? ConditionRange(Sum s)
    {
        var r = (Syntax.Relation)s.Lower!;
        var index = (Identifier)r.Operands[0];
        var bound = (Number)r.Operands[1];
        if (!int.TryParse(bound.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            Unsupported(s, "a sum over " + Name(index) + " from a start that is not a whole number");
            return null;
        }
        if (r.Operators[0].Kind == RelationKind.Greater) start++;
        var letter = Name(index);
        // The names the summand writes with the index: x in x_t, x_{t-1}.
        var members = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var n in s.Body.DescendantsAndSelf())
        {
            if (++seen > MaxConditionScan) break;
            if (n is Identifier { Subscript: { } sub } id && sub.DescendantsAndSelf().OfType<Identifier>().Any(x => x.IsUndecorated && x.Name == letter))
                members.Add(id.Style + ":" + id.Name);
        }
        var ends = new HashSet<string>(StringComparer.Ordinal);
        seen = 0;
        foreach (var n in _formula.DescendantsAndSelf())
        {
            if (++seen > MaxConditionScan) break;
            if (n is Identifier { Subscript: Identifier { Name: [>= 'A' and <= 'Z'] } end } id && end.IsUndecorated && members.Contains(id.Style + ":" + id.Name))
                ends.Add(end.Name);
        }
        if (ends.Count != 1)
        {
            Unsupported(s, "a sum over " + letter + (r.Operators[0].Kind == RelationKind.Greater ? " > " : " ≥ ") + bound.Text
                + (ends.Count == 0 ? " whose upper end the formula does not name (no last member such as x_T is written)" : " whose upper end is not one name (" + string.Join(", ", ends.OrderBy(e => e, StringComparer.Ordinal)) + ")"));
            return null;
        }
        var last = ends.Single();
        Warn(s, DiagnosticCodes.InferredVariable, "read the sum over " + letter + (r.Operators[0].Kind == RelationKind.Greater ? " > " : " ≥ ") + bound.Text + " as over "
            + letter + " = " + start.ToString(CultureInfo.InvariantCulture) + " … " + last + ", the last index of the sequence the formula writes (its member at " + last + " is written)");
        return new IndexRange(Ex.Sym(letter), Ex.Num(start), Ex.Sym(last), null);
    }
}
