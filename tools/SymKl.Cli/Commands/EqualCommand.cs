using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>symkl equal LHS RHS [--assume "\sigma > 0"]... [--define "q(z) \sim \mathcal{N}(\mu,\sigma^2)"]... [--format text|json]</c>.
/// Exit 0 when equal (proved or confirmed), 1 when refuted, 2 when unsupported or the input is bad.
/// </summary>
internal static class EqualCommand
{
    private static readonly Dictionary<string, string> Relations = new(StringComparer.Ordinal)
    {
        ["="] = "=", ["!="] = "\\neq", [">="] = "\\geq", ["<="] = "\\leq", [">"] = ">", ["<"] = "<",
    };

    public static Command Create()
    {
        var lhs = new Argument<string>("lhs") { Description = "left side, in LaTeX" };
        var rhs = new Argument<string>("rhs") { Description = "right side, in LaTeX" };
        var assume = new Option<string[]>("--assume") { Description = "an assumption such as \"\\sigma > 0\", \"0 < p < 1\", \"n \\in \\mathbb{N}\"", AllowMultipleArgumentsPerToken = false };
        var define = new Option<string[]>("--define") { Description = "a definition such as \"q(z) \\sim \\mathcal{N}(\\mu, \\sigma^2)\" or \"f(x) = x^2\"" };
        var relation = new Option<string>("--relation") { Description = "=, !=, >=, <=, > or <", DefaultValueFactory = _ => "=" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var seed = new Option<int>("--seed") { Description = "seed of the sample points", DefaultValueFactory = _ => 0x5EED };
        var timeout = StepTimeout.CreateOption();
        var command = new Command("equal", "Decide whether two LaTeX expressions are equal: proved, confirmed, refuted (with a counterexample) or unsupported.")
        {
            lhs, rhs, assume, define, relation, format, seed, timeout,
        };
        command.SetAction(result =>
        {
            var fmt = result.GetValue(format);
            if (fmt is not ("text" or "json"))
            {
                Console.Error.WriteLine("symkl equal: unknown --format '" + fmt + "' (expected text or json)");
                return ExitCodes.BadInput;
            }
            if (!Relations.TryGetValue(result.GetValue(relation) ?? "=", out var op))
            {
                Console.Error.WriteLine("symkl equal: unknown --relation '" + result.GetValue(relation) + "' (expected =, !=, >=, <=, > or <)");
                return ExitCodes.BadInput;
            }
            if (!StepTimeout.TryRead(result.GetValue(timeout), "symkl equal", out var limit)) return ExitCodes.BadInput;
            var outcome = SingleStep.Check(result.GetValue(lhs) ?? "", result.GetValue(rhs) ?? "", result.GetValue(assume) ?? [], result.GetValue(define) ?? [], op, result.GetValue(seed), limit);
            if (outcome.InternalError is { } failure)
            {
                Console.Error.WriteLine("symkl equal: " + failure.Message);
                return ExitCodes.InternalError;
            }
            var errors = outcome.Messages.Where(m => m.IsError).ToList();
            // An argument that cannot be read (an assumption among them) stops before any verdict: a verdict
            // without the assumption would answer a different question.
            if (errors.Count > 0) outcome = outcome with { Step = null };
            var exit = outcome.Step is null || errors.Count > 0 ? ExitCodes.BadInput : outcome.Step.Verdict.Kind switch
            {
                VerdictKind.Proved or VerdictKind.Confirmed => ExitCodes.Ok,
                VerdictKind.Refuted => ExitCodes.Refuted,
                _ => ExitCodes.BadInput,
            };
            Console.Out.Write(fmt == "json" ? Json(outcome) : Text(outcome));
            return exit;
        });
        return command;
    }

    private static string Number(double v) => double.IsNaN(v) ? "undefined" : v.ToString("G10", CultureInfo.InvariantCulture);

    private static string Text(SingleStepResult outcome)
    {
        var sb = new StringBuilder();
        foreach (var m in outcome.Messages)
            sb.Append(m.Where.Argument).Append(':').Append(m.Where.Column.ToString(CultureInfo.InvariantCulture)).Append(": ")
              .Append(m.IsError ? "error: " : "warning: ").Append(m.Message).Append('\n');
        if (outcome.Step is not { } step)
        {
            if (outcome.Messages.Count == 0) sb.Append("error: no claim could be read from LHS and RHS\n");
            return sb.ToString();
        }
        var v = step.Verdict;
        sb.Append(ReportText.VerdictName(v.Kind)).Append(": ").Append(v.Reason).Append('\n');
        if (v.ResidueLatex is { } residue) sb.Append("  residue lhs - rhs: ").Append(residue).Append('\n');
        if (v.Counterexample is { } ce)
        {
            sb.Append(v.Kind == VerdictKind.Confirmed ? "  witness: " : "  counterexample: ")
              .Append(string.Join(", ", ce.Values.Select(kv => kv.Key + " = " + Number(kv.Value)))).Append('\n');
            sb.Append("  lhs = ").Append(Number(ce.Lhs)).Append(", rhs = ").Append(Number(ce.Rhs)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Json(SingleStepResult outcome)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            if (outcome.Step is { } step)
            {
                var v = step.Verdict;
                w.WriteString("lhs", step.Lhs);
                w.WriteString("relation", step.Relation);
                w.WriteString("rhs", step.Rhs);
                w.WriteString("verdict", ReportText.VerdictName(v.Kind));
                w.WriteString("reason", v.Reason);
                if (v.ResidueLatex is { } residue) w.WriteString("residue", residue); else w.WriteNull("residue");
                if (v.Counterexample is { } ce)
                {
                    w.WriteStartObject("counterexample");
                    foreach (var kv in ce.Values) WriteNumber(w, kv.Key, kv.Value);
                    w.WriteEndObject();
                    WriteNumber(w, "lhsValue", ce.Lhs);
                    WriteNumber(w, "rhsValue", ce.Rhs);
                }
            }
            else
            {
                w.WriteString("verdict", "error");
            }
            w.WriteStartArray("messages");
            foreach (var m in outcome.Messages)
            {
                w.WriteStartObject();
                w.WriteString("argument", m.Where.Argument);
                w.WriteNumber("column", m.Where.Column);
                w.WriteString("severity", m.IsError ? "error" : "warning");
                w.WriteString("message", m.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) w.WriteNull(name); else w.WriteNumber(name, value);
    }
}
