using SymKl.Derivations.Reports;
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

    /// <summary>When set, the context in force (definitions, assumptions, distributions) is recorded for the statements on this line.</summary>
    public int? ExplainLine { get; init; }
    /// <summary>The default time budget of one step (the command line's --timeout).</summary>
    public static TimeSpan DefaultStepTimeout => TimeSpan.FromSeconds(10);

    /// <summary>
    /// Time budget of each step's decision; past it the step is unsupported ("budget exceeded") and its work stops
    /// (the kernel checks the budget cooperatively). Null: no limit. A step decided within it gets the same verdict
    /// whatever the budget: the budget only ever turns an undecided step into unsupported.
    /// </summary>
    public TimeSpan? StepTimeout { get; init; } = DefaultStepTimeout;

    /// <summary>A budget as people write it: "10 s", "0.5 s".</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}

/// <summary>
/// A failure of SymKl itself (a bug, not bad input) while checking a document: where the walk was and what went
/// wrong, in words (no .NET type names). Only the display it happened in goes unchecked; a failure in a pass over the
/// whole text leaves the rest of the document unchecked.
/// </summary>
public sealed record InternalError(FilePosition Position, string Message)
{
    /// <summary>For SymKl's developers: with SYMKL_TRACE=1 the whole exception goes to standard error (reports never show it).</summary>
    public static void Trace(Exception ex)
    {
        if (Environment.GetEnvironmentVariable("SYMKL_TRACE") == "1") Console.Error.WriteLine(ex);
    }

    /// <summary>An exception's message for a report: its own text, or what kind of failure it was when it has none.</summary>
    public static string Describe(Exception ex)
    {
        if (ex is null) throw new ArgumentNullException(nameof(ex));
        var message = ex.Message;
        // Messages the runtime makes up ("Exception of type 'System.X' was thrown.") say nothing to a reader.
        if (string.IsNullOrWhiteSpace(message) || message.IndexOf("Exception of type", StringComparison.Ordinal) >= 0)
            message = ex switch
            {
                InsufficientExecutionStackException => "the input is nested too deeply",
                NullReferenceException => "a value was missing",
                IndexOutOfRangeException or ArgumentOutOfRangeException => "an index was out of range",
                InvalidCastException => "a value had an unexpected kind",
                _ => "an unexpected failure",
            };
        return "internal error: " + message + " (please report it)";
    }
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

/// <summary>Something the author should look at that is not a verdict: a repair made, a suspicious claim, unreadable math.</summary>
public sealed record DocumentWarning(FilePosition Position, WarningKind Kind, string Code, string Message)
{
    /// <summary>Math that could not be read at all (nothing of it was checked, so <c>--strict</c> fails on it).</summary>
    public bool Unreadable { get; init; }

    /// <summary>A warning about math that could not be read at all.</summary>
    public static DocumentWarning CannotRead(FilePosition position, string code, string message) =>
        new(position, WarningKind.Suspicious, code, message) { Unreadable = true };
}

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

    /// <summary>Set when SymKl failed while checking the document (a bug): the steps are those checked before it.</summary>
    public InternalError? InternalError { get; init; }
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
