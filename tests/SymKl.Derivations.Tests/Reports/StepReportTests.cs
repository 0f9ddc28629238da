using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Reports;

/// <summary>The report of a step is the verifier's record as the writers see it: every field comes from the one record.</summary>
public class StepReportTests
{
    [Fact]
    public void AReportTakesEveryFieldFromTheStepRecord()
    {
        var x = Ex.Sym("x");
        var verdict = new Verdict(VerdictKind.Refuted, "the two sides differ at a sample point", Ex.Mul(Ex.Two, x), new Counterexample([new("x", 0.5)], 1.0, 0.0), 40);
        var statement = new StepResult(new FilePosition(7, 1), new FilePosition(8, 4), new FilePosition(8, 11), "2x", "\\geq", "x", Relation.GreaterOrEqual, verdict, StatementRole.Claim, "'we have' before it");
        var report = StepReport.From(statement, "docs/a.md", 11, "&= x \\\\");
        Assert.Equal(("docs/a.md", 8, 4, 11, "&= x \\\\"), (report.Path, report.Line, report.Column, report.EndColumn, report.SourceLine));
        Assert.Equal(("2x", Relation.GreaterOrEqual, "x"), (report.Lhs, report.Relation, report.Rhs));
        Assert.Equal((StatementRole.Claim, "'we have' before it"), (report.Role, report.RoleCue));
        Assert.Equal((VerdictKind.Refuted, "the two sides differ at a sample point", "2 x"), (report.Verdict, report.Reason, report.Residue));
        Assert.Equal([new KeyValuePair<string, double>("x", 0.5)], report.Counterexample);
        Assert.Equal((1.0, 0.0), (report.LhsValue, report.RhsValue));
        // Without a counterexample there are no values.
        var proved = StepReport.From(statement with { Verdict = new Verdict(VerdictKind.Proved, "", null, null, 0) }, "docs/a.md", 11, "");
        Assert.Equal((0, null, null, null), (proved.Counterexample.Count, proved.LhsValue, proved.RhsValue, proved.Residue));
    }
}
