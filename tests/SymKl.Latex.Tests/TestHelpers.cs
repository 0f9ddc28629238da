using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

internal static class TestHelpers
{
    /// <summary>The dump of a one-row, one-clause block as that clause; otherwise the whole document.</summary>
    public static string Dump(ParseResult r)
    {
        var root = r.Root!;
        return root.Rows.Count == 1 && root.Rows[0].Items.Count == 1
            ? SyntaxPrinter.Print(root.Rows[0].Items[0])
            : SyntaxPrinter.Print(root);
    }

    public static string Dump(string latex) => Dump(LatexParser.ParseMath(latex));

    public static IEnumerable<SyntaxNode> Nodes(ParseResult r) => r.Root!.DescendantsAndSelf();

    public static T Single<T>(ParseResult r, Func<T, bool>? predicate = null) where T : SyntaxNode =>
        Nodes(r).OfType<T>().Single(n => predicate is null || predicate(n));

    public static T First<T>(ParseResult r, Func<T, bool>? predicate = null) where T : SyntaxNode =>
        Nodes(r).OfType<T>().First(n => predicate is null || predicate(n));

    public static string Diagnostics(ParseResult r) => string.Join("\n", r.Diagnostics.Select(d => d.ToString()));
}
