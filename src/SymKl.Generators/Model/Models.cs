namespace SymKl.Generators.Model;

/// <summary>How serious a generator message is (mapped to Roslyn's severities by the generator).</summary>
public enum MessageSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// A message about a derivation, located in its Markdown file. Value-equal (no Roslyn Location inside), so a
/// pipeline model that carries it is cached when nothing changed.
/// </summary>
public readonly record struct GeneratorMessage(
    string Id,
    MessageSeverity Severity,
    string Message,
    string Path,
    int Offset,
    int Length,
    int Line,
    int Column,
    int EndLine,
    int EndColumn)
{
    /// <summary>"path(line,col): error SKG001: message", the compiler's format.</summary>
    public override string ToString() =>
        Path + "(" + Line + "," + Column + "): " + Severity.ToString().ToLowerInvariant() + " " + Id + ": " + Message;
}

/// <summary>One Markdown file given to the generator: its path and text.</summary>
public sealed record DerivationFile(string Path, string Text);

/// <summary>What one generated method is: for the catalog of generated KL functions and the dispatch over pairs.</summary>
public sealed record GeneratedMethodInfo(string Method, EquatableArray<string> Parameters, string SourceFile, int Line, string ResultLatex, bool IsSum, bool Vectorized, DistributionPair? Pair = null);

/// <summary>
/// The distribution types a derivation's method is KL(P ‖ Q) of (front matter <c>pair:</c>), as C# the dispatch writes:
/// the argument for each method parameter (<c>a.Mean</c> for p, <c>b.StdDev</c> for q) and the conditions under which
/// the closed form applies (<c>a.Trials == b.Trials</c>: a parameter p and q share).
/// </summary>
public sealed record DistributionPair(string P, string Q, EquatableArray<string> Arguments, EquatableArray<string> Guards);

/// <summary>The outcome of one derivation: its C# (null when it failed) and the messages.</summary>
public sealed record DerivationOutput(string HintName, string? Source, EquatableArray<GeneratorMessage> Messages, GeneratedMethodInfo? Method)
{
    public bool Succeeded => Source is not null;
}
