using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Options of one verification run.</summary>
public sealed class VerifyOptions
{
    public static readonly VerifyOptions Default = new();

    /// <summary>Seed of every random choice (sample points, Monte Carlo, random densities): same seed, same report.</summary>
    public int Seed { get; init; } = 0x5EED;

    /// <summary>Math blocks hold only claims (no definitions by '='): for a single step given on the command line.</summary>
    public bool ClaimsOnly { get; init; }

    /// <summary>When set, the context in force (definitions, assumptions, distributions) is recorded for the statements on this line.</summary>
    public int? ExplainLine { get; init; }
}

/// <summary>A position in the Markdown file (1-based).</summary>
public readonly record struct FilePosition(int Line, int Column);

/// <summary>
/// One statement of a document (a link of a chain): where it is, what it says, its role and why (<see cref="RoleCue"/>:
/// the cue in the math or the prose that decided it), and the verdict (skipped for definitions, hypotheses and remarks).
/// </summary>
public sealed record StepResult(
    FilePosition Start,
    FilePosition RhsStart,
    FilePosition End,
    string Lhs,
    string Relation,
    string Rhs,
    Symbolic.Relation Kind,
    Verdict Verdict,
    StatementRole Role = StatementRole.Step,
    string RoleCue = "")
{
    /// <summary>The 1-based Markdown line on which the right-hand side starts (the JSON report's "line").</summary>
    public int Line => RhsStart.Line;

    public int Column => RhsStart.Column;
}

public enum WarningKind { Repair, Suspicious, ParseError, Note }

/// <summary>Something the author should look at that is not a verdict: a repair made, a suspicious claim, unreadable math.</summary>
public sealed record DocumentWarning(FilePosition Position, WarningKind Kind, string Code, string Message);

/// <summary>What a document defines, for reports and for the code generator.</summary>
public sealed record DefinitionInfo(FilePosition Position, string Name, string Latex, string Kind);

/// <summary>The verification of one Markdown document.</summary>
public sealed class DocumentResult
{
    public DocumentResult(string path, IReadOnlyList<StepResult> steps, IReadOnlyList<DocumentWarning> warnings, IReadOnlyList<DefinitionInfo> definitions, IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<ContextSnapshot>? contexts = null)
    {
        Contexts = contexts ?? [];
        Path = path;
        Steps = steps;
        Warnings = warnings;
        Definitions = definitions;
        FrontMatter = frontMatter;
    }

    public string Path { get; }
    public IReadOnlyList<StepResult> Steps { get; }
    public IReadOnlyList<DocumentWarning> Warnings { get; }
    public IReadOnlyList<DefinitionInfo> Definitions { get; }
    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    /// <summary>The context in force at the statements of <see cref="VerifyOptions.ExplainLine"/> (empty otherwise).</summary>
    public IReadOnlyList<ContextSnapshot> Contexts { get; }

    public int Count(VerdictKind kind) => Steps.Count(s => s.Verdict.Kind == kind);
}

/// <summary>What was in force when a statement was read: for <c>symkl verify --explain LINE</c>.</summary>
public sealed record ContextSnapshot(
    FilePosition Position,
    string ProseBefore,
    IReadOnlyList<string> Definitions,
    IReadOnlyList<string> Assumptions,
    IReadOnlyList<string> Distributions,
    IReadOnlyList<string> Premises);
