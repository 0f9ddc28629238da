using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// The outcome of one step, with everything a report shows. <see cref="Line"/> and <see cref="Column"/> are those
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

    /// <summary>Copies the kernel's verdict (kind, reason, residue, counterexample) into a step at a position.</summary>
    public static StepReport FromVerdict(Verdict verdict, string path, int line, int column, int endColumn, string sourceLine, string lhs, Relation relation, string rhs, StatementRole role = StatementRole.Step, string roleCue = "")
    {
        if (verdict is null) throw new ArgumentNullException(nameof(verdict));
        var ce = verdict.Counterexample;
        return new StepReport
        {
            Path = path,
            Line = line,
            Column = column,
            EndColumn = endColumn,
            SourceLine = sourceLine,
            Lhs = lhs,
            Relation = relation,
            Rhs = rhs,
            Verdict = verdict.Kind,
            Role = role,
            RoleCue = roleCue,
            Reason = verdict.Reason,
            Residue = verdict.ResidueLatex,
            Counterexample = ce?.Values ?? [],
            LhsValue = ce?.Lhs,
            RhsValue = ce?.Rhs,
        };
    }
}
