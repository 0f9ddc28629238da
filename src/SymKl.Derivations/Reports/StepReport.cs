using SymKl.Latex.Binding;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// The outcome of one step, with everything a report shows: the verifier's <see cref="StepResult"/> as the writers
/// (text, JSON, SARIF, GitHub, HTML) see it, made by <see cref="From"/> alone. <c>symkl merge</c> does not read it back:
/// it merges the JSON or SARIF documents themselves, so a report's fields are written in one place (the writers). <see cref="Line"/> and <see cref="Column"/> are those
/// of the start of the step's right-hand side in the Markdown file; <see cref="EndColumn"/> is one past the
/// last column of the step on <see cref="Line"/> (the end of that line when the step goes on below).
/// </summary>
public sealed record StepReport
{
    public string Path { get; init; } = string.Empty;

    public int Line { get; init; }

    public int Column { get; init; }

    public int EndColumn { get; init; }

    /// <summary>The text of <see cref="Line"/> in the file, for the underline.</summary>
    public string SourceLine { get; init; } = string.Empty;

    public string Lhs { get; init; } = string.Empty;

    public Relation Relation { get; init; } = Relation.Equal;

    public string Rhs { get; init; } = string.Empty;

    public VerdictKind Verdict { get; init; }

    /// <summary>What the statement does in its document; only steps, claims and implications are checked.</summary>
    public StatementRole Role { get; init; } = StatementRole.Step;

    /// <summary>The cue that decided <see cref="Role"/> (":=", "'assume' before a condition", "a link of a chain in display math").</summary>
    public string RoleCue { get; init; } = string.Empty;

    public string Reason { get; init; } = string.Empty;

    /// <summary>The simplified lhs − rhs in LaTeX, when one was computed.</summary>
    public string? Residue { get; init; }

    /// <summary>The symbols' values at the counterexample, in order; empty when there is none.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Counterexample { get; init; } = [];

    /// <summary>Both sides' values at the counterexample (NaN: undefined); null when there is no counterexample.</summary>
    public double? LhsValue { get; init; }

    public double? RhsValue { get; init; }

    public IReadOnlyList<ReportWarning> Warnings { get; init; } = [];

    /// <summary>
    /// The report of the verifier's one step record: its position (where the right side starts), sides, relation and role
    /// from the <see cref="StepResult"/>, its verdict's kind, reason, residue and counterexample; the report adds only
    /// what a writer shows beside it (the display path, the source line and where the underline ends).
    /// </summary>
    public static StepReport From(StepResult statement, string path, int endColumn, string sourceLine)
    {
        if (statement is null) throw new ArgumentNullException(nameof(statement));
        var verdict = statement.Verdict;
        var ce = verdict.Counterexample;
        return new StepReport
        {
            Path = path,
            Line = statement.Line,
            Column = statement.Column,
            EndColumn = endColumn,
            SourceLine = sourceLine,
            Lhs = statement.Lhs,
            Relation = statement.Kind,
            Rhs = statement.Rhs,
            Verdict = verdict.Kind,
            Role = statement.Role,
            RoleCue = statement.RoleCue,
            // Kernel names of labelled symbols (x^{(i)} is "x^{()}_i" inside) are shown as the text writes them.
            Reason = ExprBinder.ForDisplay(verdict.Reason),
            Residue = verdict.ResidueLatex is null ? null : ExprBinder.ForDisplay(verdict.ResidueLatex),
            Counterexample = ce is null ? [] : ce.Values.Select(kv => new KeyValuePair<string, double>(ExprBinder.ForDisplay(kv.Key), kv.Value)).ToList(),
            LhsValue = ce?.Lhs,
            RhsValue = ce?.Rhs,
        };
    }
}
