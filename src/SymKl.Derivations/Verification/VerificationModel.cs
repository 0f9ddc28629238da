using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>Options of one verification run.</summary>
public sealed class VerifyOptions
{
    public static readonly VerifyOptions Default = new();

    /// <summary>Seed of every random choice (sample points, Monte Carlo, random densities): same seed, same report.</summary>
    public int Seed { get; init; } = 0x5EED;

    /// <summary>Math blocks hold only claims (no definitions by '='): for a single step given on the command line.</summary>
    public bool ClaimsOnly { get; init; }
}

/// <summary>A position in the Markdown file (1-based).</summary>
public readonly record struct FilePosition(int Line, int Column);

/// <summary>One checked step of a chain: where it is, what it claims, and the verdict.</summary>
public sealed record StepResult(
    FilePosition Start,
    FilePosition RhsStart,
    FilePosition End,
    string Lhs,
    string Relation,
    string Rhs,
    Symbolic.Relation Kind,
    Verdict Verdict)
{
    /// <summary>The 1-based Markdown line on which the right-hand side starts (the JSON report's "line").</summary>
    public int Line => RhsStart.Line;

    public int Column => RhsStart.Column;

    /// <summary>
    /// The left side as bound, in the document's own names (before symbols the document defined, such as v = log σ², are
    /// substituted for the check); null when it could not be read.
    /// </summary>
    public Expr? LhsExpr { get; init; }

    /// <summary>The right side as bound, in the document's own names; null when it could not be read.</summary>
    public Expr? RhsExpr { get; init; }

    /// <summary>The assumptions in force where the step stands (what it was decided under).</summary>
    public Assumptions? Assumptions { get; init; }

    /// <summary>The densities and definitions in force where the step stands.</summary>
    public DistributionContext? Context { get; init; }
}

public enum WarningKind { Repair, Suspicious, ParseError, Note }

/// <summary>Something the author should look at that is not a verdict: a repair made, a suspicious claim, unreadable math.</summary>
public sealed record DocumentWarning(FilePosition Position, WarningKind Kind, string Code, string Message);

/// <summary>What a document defines, for reports and for the code generator.</summary>
public sealed record DefinitionInfo(FilePosition Position, string Name, string Latex, string Kind);

/// <summary>The verification of one Markdown document.</summary>
public sealed class DocumentResult
{
    public DocumentResult(string path, IReadOnlyList<StepResult> steps, IReadOnlyList<DocumentWarning> warnings, IReadOnlyList<DefinitionInfo> definitions, IReadOnlyDictionary<string, string> frontMatter)
    {
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

    public int Count(VerdictKind kind) => Steps.Count(s => s.Verdict.Kind == kind);
}
