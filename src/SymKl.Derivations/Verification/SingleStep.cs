using SymKl.Derivations.Reports;
using System.Text;
using SymKl.Derivations.Markdown;
using SymKl.Latex;

namespace SymKl.Derivations.Verification;

/// <summary>Where something reported about a single step came from: which argument, which column of it.</summary>
public sealed record ArgumentPosition(string Argument, int Column);

/// <summary>A remark about a single step's input, positioned in the argument it came from.</summary>
public sealed record StepMessage(ArgumentPosition Where, bool IsError, string Message);

/// <summary>The verdict of one claim given as text (the command line's LHS, RHS, assumptions and definitions).</summary>
public sealed record SingleStepResult(StepResult? Step, IReadOnlyList<StepMessage> Messages)
{
    /// <summary>Set when SymKl failed on the claim (a bug); the step is then null.</summary>
    public InternalError? InternalError { get; init; }
}

/// <summary>
/// Checks one claim with exactly the semantics of a document: assumptions and definitions become symkl
/// annotations, the claim a display, so a step behaves the same on the command line and in a post.
/// </summary>
public static class SingleStep
{
    /// <param name="timeout">The step's time budget (null: none); past it the step is unsupported, "budget exceeded".</param>
    public static SingleStepResult Check(string lhs, string rhs, IReadOnlyList<string> assumptions, IReadOnlyList<string> definitions, string relation = "=", int seed = 0x5EED, TimeSpan? timeout = null)
    {
        // Each argument must read on its own first, so an error points into the argument that has it.
        var early = new List<StepMessage>();
        void Precheck(string text, string argument, bool expression)
        {
            var parsed = expression ? LatexParser.ParseExpression(text) : LatexParser.ParseMath(text);
            foreach (var d in parsed.Errors)
                early.Add(new StepMessage(new ArgumentPosition(argument, d.Span.Start + 1), true, d.Message));
        }
        Precheck(lhs, "LHS", true);
        Precheck(rhs, "RHS", true);
        for (var i = 0; i < assumptions.Count; i++) Precheck(assumptions[i], "--assume #" + (i + 1), true);
        for (var i = 0; i < definitions.Count; i++) Precheck(definitions[i], "--define #" + (i + 1), false);
        if (early.Count > 0) return new SingleStepResult(null, early);

        var sb = new StringBuilder();
        var origins = new List<(int Line, string Argument, int Prefix)>();
        var line = 1;
        foreach (var (list, kind, flag) in new[] { (assumptions, "assume ", "--assume"), (definitions, "", "--define") })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var prefix = "<!-- symkl: " + kind;
                sb.Append(prefix).Append(OneLine(list[i])).Append(" -->\n");
                origins.Add((line++, flag + " #" + (i + 1), prefix.Length));
            }
        }
        sb.Append("\n$$\n");
        line += 2;
        sb.Append(OneLine(lhs)).Append('\n');
        origins.Add((line++, "LHS", 0));
        var op = relation + " ";
        sb.Append(op).Append(OneLine(rhs)).Append("\n$$\n");
        origins.Add((line, "RHS", op.Length));

        var document = MarkdownReader.Parse(sb.ToString(), "<command line>");
        var result = DocumentVerifier.Verify(document, new VerifyOptions { Seed = seed, ClaimsOnly = true, StepTimeout = timeout });
        ArgumentPosition Where(FilePosition p)
        {
            foreach (var o in origins) if (o.Line == p.Line) return new ArgumentPosition(o.Argument, Math.Max(1, p.Column - o.Prefix));
            return new ArgumentPosition("input", p.Column);
        }
        var messages = result.Warnings.Select(w => new StepMessage(Where(w.Position), w.Unreadable, w.Message)).ToList();
        return new SingleStepResult(result.Steps.Count == 1 && result.InternalError is null ? result.Steps[0] : null, messages) { InternalError = result.InternalError };
    }

    /// <summary>Newlines inside an argument would break the one-line layout; LaTeX treats them as spaces anyway.</summary>
    private static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");
}
