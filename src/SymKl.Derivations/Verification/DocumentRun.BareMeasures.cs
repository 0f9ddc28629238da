using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A bare measure letter (h, H, D, I) that the text also applies, written alone for the measure it has just worked out:
/// "h(X) = E[−log f(X)] = … , so h = ½ log(2πe σ²)". Read as the last application of that letter in the same section.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The letters of entropy (h, H), divergence (D) and mutual information (I).</summary>
    private static readonly HashSet<string> BareMeasureNames = new(StringComparer.Ordinal) { "h", "H", "D", "I" };

    private const int MaxApplicationLength = 200;

    /// <summary>
    /// "h = value" where the section last wrote h(X): checked as h(X) = value. Only ever confirms: the bare name may
    /// stand for another application (or a value in an example), so a failure is reported as unsupported with the reading.
    /// </summary>
    private bool BareMeasureValue(Operand left, RelationOperator op, Operand right, string name)
    {
        if (op.Kind != RelationKind.Equal || op.Negated || _block is null || !BareMeasureNames.Contains(name)) return false;
        if (LatestApplication(name) is not { } written) return false;
        // Parsed as the one equation "h(X) = value", so that h(X) is read as it would be written so (the entropy of X's law).
        var parsed = LatexParser.ParseExpression(written + " = " + right.Text);
        if (parsed.HasErrors || parsed.Expression is not Latex.Syntax.Relation { Operands: [Call call, var value], Operators: [{ Kind: RelationKind.Equal }] }) return false;
        var l = MathBinder.Bind(call, parsed, _scope).Value;
        var r = MathBinder.Bind(value, parsed, _scope).Value;
        if (l is null || r is null) return false;
        var lhs = ResolveExpectations(Resolved(l));
        var rhs = ResolveExpectations(Resolved(r));
        // The name itself left over (a measure SymKl keeps opaque): nothing was read.
        if (Traversal.FreeSymbols(rhs).Any(s => s.Name == name)) return false;
        Verdict verdict;
        try
        {
            verdict = StepChecker.Check(lhs, Symbolic.Relation.Equal, rhs, _scope.Assumptions, _scope.Context, options.Seed);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return false;
        }
        var reading = "reading " + name + " as " + written + ", the last " + name + "(…) the section writes before it";
        verdict = verdict.Holds ? verdict with { Reason = reading + ": " + verdict.Reason }
            : new Verdict(VerdictKind.Unsupported, (verdict.Kind == VerdictKind.Refuted ? "it fails " : "undecided ") + reading + " (" + verdict.Reason
                + "); not refuted: the bare name may stand for the measure in another setting (an example, a case the text has in mind)", verdict.Residue, verdict.Counterexample, verdict.PointsChecked);
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, verdict, StatementRole.Claim,
            "a bare measure name after the measure it stands for"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>
    /// The last application name(…) in math of the current section before the current math (code blocks and inline
    /// code set aside), as written; null when there is none.
    /// </summary>
    private string? LatestApplication(string name)
    {
        var text = document.Source.Text;
        var end = Math.Min(_block!.Offset, text.Length);
        var heading = end > 0 ? text.LastIndexOf("\n#", end - 1, StringComparison.Ordinal) : -1;
        var window = text.Substring(heading + 1, end - heading - 1);
        window = Regex.Replace(window, "```.*?(```|$)", " ", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        window = Regex.Replace(window, "`[^`\n]*`", " ", RegexOptions.CultureInvariant);
        string? last = null;
        foreach (Match m in Regex.Matches(window, @"(?<![A-Za-z\\'_^])" + Regex.Escape(name) + @"\s*\(", RegexOptions.CultureInvariant))
        {
            if (!InsideMath(window, m.Index)) continue;
            var open = m.Index + m.Length - 1;
            var depth = 0;
            for (var i = open; i < window.Length && i - open <= MaxApplicationLength; i++)
            {
                if (window[i] == '(') depth++;
                else if (window[i] == ')' && --depth == 0)
                {
                    last = name + window.Substring(open, i - open + 1);
                    break;
                }
                else if (window[i] is '$' or '\n') break;
            }
        }
        return last;
    }

    /// <summary>Whether an odd number of unescaped dollar signs precede the offset (inside $…$ or $$…$$).</summary>
    private static bool InsideMath(string text, int offset)
    {
        var open = false;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] != '$') continue;
            if (i + 1 < offset && text[i + 1] == '$') i++;
            open = !open;
        }
        return open;
    }
}
