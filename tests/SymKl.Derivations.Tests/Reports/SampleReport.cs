using SymKl.Derivations.Reports;
using StatementRole = SymKl.Derivations.Verification.StatementRole;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Reports;

/// <summary>A fixed report with every verdict, a definition and a hypothesis, a NaN side, warnings, and text that needs escaping.</summary>
internal static class SampleReport
{
    public static VerificationReport Create()
    {
        const string path = "docs/kl gaussian.md";
        var refuted = new StepReport
        {
            Path = path,
            Line = 12,
            Column = 4,
            EndColumn = 46,
            SourceLine = "&= \\frac{1}{2} \\log(2 \\pi) + \\frac{1}{2} \\mu^2",
            Lhs = "-\\int q(z) \\log p(z) dz",
            Relation = Relation.Equal,
            Rhs = "\\frac{1}{2} \\log(2 \\pi) + \\frac{1}{2} \\mu^2",
            Verdict = VerdictKind.Refuted,
            Reason = "the two sides differ at a sample point",
            Residue = "\\frac{1}{2}\\sigma^2",
            Counterexample = [new("\\mu", 0.5), new("\\sigma", 1.25)],
            LhsValue = 1.8314, RhsValue = 1.0439385332046727,
        };
        var undefined = new StepReport
        {
            Path = path,
            Line = 20,
            Column = 1,
            EndColumn = 28,
            SourceLine = "\t\\log x^2 = 2 \\log x, really",
            Lhs = "\\log x^2",
            Rhs = "2 \\log x",
            Verdict = VerdictKind.Refuted,
            Reason = "the right side has no value where the left side has one",
            Residue = null,
            Counterexample = [new("x", -2)],
            LhsValue = 1.3862943611198906, RhsValue = double.NaN,
        };
        var unsupported = new StepReport
        {
            Path = path,
            Line = 25,
            Column = 8,
            EndColumn = 20,
            SourceLine = "KL &= \\mathrm{Foo}(q, p)",
            Lhs = "KL",
            Rhs = "\\mathrm{Foo}(q, p)",
            Verdict = VerdictKind.Unsupported,
            Reason = "unknown function \"Foo\": 100% unclear, sorry\nsecond line",
        };
        var proved = new StepReport { Path = path, Line = 13, Column = 4, EndColumn = 10, SourceLine = "&= a + b", Lhs = "b + a", Rhs = "a + b", Verdict = VerdictKind.Proved, Reason = "the normal form of lhs − rhs is 0", Residue = "0" };
        var confirmed = new StepReport { Path = path, Line = 14, Column = 4, EndColumn = 12, SourceLine = "&= \\sqrt{x^2}", Lhs = "|x|", Rhs = "\\sqrt{x^2}", Verdict = VerdictKind.Confirmed, Reason = "both sides agree within rounding error at 40 random points (not proved symbolically)" };
        var skipped = new StepReport { Path = path, Line = 30, Column = 1, EndColumn = 5, SourceLine = "a = b", Lhs = "a", Rhs = "b", Verdict = VerdictKind.Skipped, Reason = "skipped by a symkl: skip comment" };
        var hypothesis = new StepReport { Path = path, Line = 5, Column = 16, EndColumn = 17, SourceLine = "For $\\sigma > 0$ we have", Lhs = "\\sigma", Relation = Relation.Greater, Rhs = "0", Verdict = VerdictKind.Skipped, Role = StatementRole.Hypothesis, RoleCue = "'for' before a condition", Reason = "hypothesis ('for'): assumed to the end of the section" };
        var definition = new StepReport { Path = path, Line = 8, Column = 8, EndColumn = 40, SourceLine = "p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)", Lhs = "p(x)", Rhs = "\\mathcal{N}(x; \\mu, \\sigma^2)", Verdict = VerdictKind.Skipped, Role = StatementRole.Definition, RoleCue = "a name not used before, given a formula", Reason = "definition of p" };
        var approx = new StepReport { Path = path, Line = 31, Column = 3, Relation = Relation.GreaterOrEqual, Lhs = "D", Rhs = "0", Verdict = VerdictKind.Confirmed, Reason = "holds at 40 points" };
        var repaired = new StepReport
        {
            Path = path,
            Line = 40,
            Column = 10,
            EndColumn = 30,
            SourceLine = "p(x) = rac{1}{\\sigma\\sqrt{2\\pi}}",
            Lhs = "p(x)",
            Rhs = "\\frac{1}{\\sigma\\sqrt{2\\pi}}",
            Verdict = VerdictKind.Proved,
            Reason = "the normal form of lhs − rhs is 0",
            Warnings = [new ReportWarning(40, 8, "read `rac{` as `\\frac{` (text damaged by PDF extraction)", WarningKind.Repair, 12) { SourceLine = "p(x) = rac{1}{\\sigma\\sqrt{2\\pi}}" }],
        };
        var doc1 = new DocumentReport(path, [refuted, proved, confirmed, undefined, unsupported, skipped, approx, repaired, hypothesis, definition],
            [new ReportWarning(3, 1, "`$$` is not closed, the text after it, is not read as math", WarningKind.Suspicious, 3) { SourceLine = "$$ a = b" }]);
        var doc2 = new DocumentReport("notes/ünïcode.md", [new StepReport { Path = "notes/ünïcode.md", Line = 2, Column = 1, EndColumn = 8, SourceLine = "x = x ✓", Lhs = "x", Rhs = "x", Verdict = VerdictKind.Proved, Reason = "the normal form of lhs − rhs is 0", Residue = "0" }]);
        return new VerificationReport([doc1, doc2]);
    }
}
