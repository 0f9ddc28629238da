using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// What a bare \log or log means in a document: natural (the default), base 2 or base 10, or a base SymKl does not
/// read (kept with its text for the reason of an unsupported step). \ln is always natural.
/// </summary>
public sealed class LogBase
{
    private LogBase(Expr? @base, string text) { Base = @base; Text = text; }

    public static readonly LogBase Natural = new(null, "e");
    public static readonly LogBase Two = new(Ex.Two, "2");
    public static readonly LogBase Ten = new(Ex.Num(10), "10");

    /// <summary>The base as an expression; null for the natural log (and for a base not read).</summary>
    public Expr? Base { get; }

    /// <summary>False for a base declared in a form SymKl does not read: a bare log is then unsupported.</summary>
    public bool IsKnown => Base is not null || ReferenceEquals(this, Natural);

    /// <summary>The declaration as written ("e", "2", "10", or what a <c>symkl: log base</c> annotation says).</summary>
    public string Text { get; }

    /// <summary>"e", "ln" or nothing is natural; "2" and "10" are those bases; anything else is a base not read.</summary>
    public static LogBase Parse(string text) => text.Trim() switch
    {
        "e" or "" or "ln" => Natural,
        "2" => Two,
        "10" => Ten,
        var other => new LogBase(null, other),
    };

    /// <summary>log x in this base; null for a base not read.</summary>
    public Expr? Log(Expr x) => !IsKnown ? null : Base is null ? Ex.Log(x) : Ex.Log(x, Base);

    public override string ToString() => Text;
}
