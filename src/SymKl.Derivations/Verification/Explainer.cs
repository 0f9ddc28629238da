using System.Text;
using SymKl.Derivations.Reports;

namespace SymKl.Derivations.Verification;

/// <summary>
/// <c>symkl verify FILE --explain LINE</c>: for each statement on one line, the role chosen and the cue that chose it,
/// the verdict, and the context in force there (definitions, assumptions, distributions, equations being solved).
/// </summary>
public static class Explainer
{
    /// <summary>The explanation, or null when no statement's right-hand side starts on <paramref name="line"/>.</summary>
    public static string? Explain(DocumentResult result, int line)
    {
        var statements = result.Steps.Where(s => s.Line == line).ToList();
        if (statements.Count == 0) return null;
        var sb = new StringBuilder();
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var context = result.Contexts.FirstOrDefault(c => c.Position == s.RhsStart);
            sb.Append(result.Path).Append(':').Append(s.Line).Append(':').Append(s.Column).Append(": ")
              .Append(s.Lhs).Append(' ').Append(s.Relation).Append(' ').Append(s.Rhs).Append('\n');
            sb.Append("    role: ").Append(StatementRoles.Name(s.Role));
            if (s.RoleCue.Length > 0) sb.Append(" (").Append(s.RoleCue).Append(')');
            sb.Append('\n');
            if (context is not null) sb.Append("    prose before: ").Append(context.ProseBefore.Length > 0 ? "\"" + context.ProseBefore + "\"" : "(none)").Append('\n');
            sb.Append("    verdict: ").Append(ReportText.VerdictName(s.Verdict.Kind));
            if (s.Verdict.Reason.Length > 0) sb.Append(": ").Append(s.Verdict.Reason);
            sb.Append('\n');
            if (s.Verdict.Counterexample is { } ce && ce.Values.Count > 0)
                sb.Append("    counterexample: ").Append(string.Join(", ", ce.Values.Select(kv => kv.Key + " = " + ReportText.Short(kv.Value)))).Append('\n');
            if (context is null) continue;
            List("definitions", context.Definitions);
            List("assumptions", context.Assumptions);
            List("distributions", context.Distributions);
            List("equations being solved", context.Premises);
        }
        // Kernel names of labelled symbols (x^{(i)}) as the text writes them.
        return SymKl.Latex.Binding.ExprBinder.ForDisplay(sb.ToString());

        void List(string title, IReadOnlyList<string> items)
        {
            sb.Append("    ").Append(title).Append(':');
            if (items.Count == 0) { sb.Append(" none\n"); return; }
            sb.Append('\n');
            foreach (var item in items) sb.Append("      ").Append(item).Append('\n');
        }
    }
}
