using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>Wording and number formatting shared by the report formats, so that they say the same thing.</summary>
public static class ReportText
{
    /// <summary>The verdict as the JSON schema spells it: proved, confirmed, refuted, unsupported, skipped.</summary>
    public static string VerdictName(VerdictKind kind) => kind switch
    {
        VerdictKind.Proved => "proved",
        VerdictKind.Confirmed => "confirmed",
        VerdictKind.Refuted => "refuted",
        VerdictKind.Unsupported => "unsupported",
        _ => "skipped",
    };

    /// <summary>The relation in ASCII: = != &lt; &lt;= &gt; &gt;= ~=.</summary>
    public static string RelationText(Relation relation) => relation switch
    {
        Relation.Equal => "=",
        Relation.NotEqual => "!=",
        Relation.Less => "<",
        Relation.LessOrEqual => "<=",
        Relation.Greater => ">",
        Relation.GreaterOrEqual => ">=",
        Relation.Proportional => "propto",
        _ => "~=",
    };

    public static string WarningKindName(WarningKind kind) => kind switch
    {
        WarningKind.Repair => "repair",
        WarningKind.Suspicious => "suspicious",
        _ => "note",
    };

    /// <summary>A number exactly (shortest round-trip form, invariant culture); "undefined" for NaN, "inf"/"-inf" for infinities.</summary>
    public static string Exact(double value)
    {
        if (double.IsNaN(value)) return "undefined";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A number for people: six significant digits.</summary>
    public static string Short(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? Exact(value) : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The step's reason, completed when a side's value is not a number (which JSON writes as null), so that the
    /// reader learns the side was undefined at the counterexample.
    /// </summary>
    public static string Reason(StepReport step)
    {
        var reason = step.Reason;
        var notes = new List<string>();
        if (step.LhsValue is { } l && !IsFinite(l)) notes.Add("the left side is " + Undefined(l));
        if (step.RhsValue is { } r && !IsFinite(r)) notes.Add("the right side is " + Undefined(r));
        if (notes.Count == 0 || reason.IndexOf("undefined", StringComparison.OrdinalIgnoreCase) >= 0) return reason;
        var tail = string.Join(" and ", notes) + " at the counterexample";
        return reason.Length == 0 ? tail : reason + " (" + tail + ")";
    }

    /// <summary>"\mu = 0.5, \sigma = 1.3"; six significant digits, or exact when two values would print alike.</summary>
    public static string Counterexample(StepReport step)
    {
        var parts = step.Counterexample.Select(kv => kv.Key + " = " + Short(kv.Value));
        return string.Join(", ", parts);
    }

    /// <summary>"lhs = 1.2, rhs = 0.9", exact when six digits would not show the difference; empty when there are no values.</summary>
    public static string SideValues(StepReport step)
    {
        if (step.LhsValue is not { } l || step.RhsValue is not { } r) return string.Empty;
        var a = Short(l);
        var b = Short(r);
        if (a == b && !l.Equals(r))
        {
            a = Exact(l);
            b = Exact(r);
        }
        return "lhs = " + a + ", rhs = " + b;
    }

    /// <summary>The one-line message of a step for SARIF and annotations: "refuted: reason".</summary>
    public static string Headline(StepReport step) => VerdictName(step.Verdict) + ": " + Reason(step);

    /// <summary>The message with the claim, residue and counterexample on further lines.</summary>
    public static string Details(StepReport step)
    {
        var lines = new List<string> { Headline(step) };
        if (step.Lhs.Length > 0 || step.Rhs.Length > 0)
            lines.Add("step: " + step.Lhs + " " + RelationText(step.Relation) + " " + step.Rhs);
        if (!string.IsNullOrEmpty(step.Residue) && step.Verdict != VerdictKind.Proved && step.Residue != "0")
            lines.Add("residue: " + step.Residue);
        if (step.Counterexample.Count > 0 || step.LhsValue is not null)
        {
            var values = SideValues(step);
            var at = Counterexample(step);
            lines.Add("counterexample: " + (at.Length > 0 ? at : "(no symbols)") + (values.Length > 0 ? " (" + values + ")" : string.Empty));
        }
        return string.Join("\n", lines);
    }

    /// <summary>The path relative to <paramref name="baseDirectory"/> with '/' separators, or the absolute path when it is outside.</summary>
    public static string RelativePath(string path, string? baseDirectory)
    {
        string full, root;
        try
        {
            full = Path.GetFullPath(path);
            root = Path.GetFullPath(string.IsNullOrEmpty(baseDirectory) ? Directory.GetCurrentDirectory() : baseDirectory!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException or UnauthorizedAccessException)
        {
            return path.Replace('\\', '/');
        }
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var prefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
        var rel = full.StartsWith(prefix, comparison) ? full.Substring(prefix.Length) : full;
        return rel.Replace('\\', '/');
    }

    private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    private static string Undefined(double v) => double.IsNaN(v) ? "undefined" : "undefined (infinite)";
}
