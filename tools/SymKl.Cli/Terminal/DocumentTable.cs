using System.Globalization;
using Spectre.Console;
using SymKl.Derivations.Reports;

namespace SymKl.Cli.Terminal;

/// <summary>
/// The table of documents that ends a text report of several, drawn by Spectre.Console when standard output is a
/// terminal: borders, counts right-aligned, refuted counts and failing documents in red, proved and confirmed in green.
/// Under NO_COLOR it has no colours or bold; redirected output keeps the report writer's plain table.
/// </summary>
internal static class DocumentTable
{
    public static Table Build(VerificationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text("document", new Style(decoration: Decoration.Bold))));
        foreach (var head in (string[])["proved", "confirmed", "refuted", "unsupported", "skipped"])
            table.AddColumn(new TableColumn(new Text(head, new Style(decoration: Decoration.Bold))).RightAligned());
        foreach (var d in report.Documents)
        {
            var s = d.Summary;
            var failing = s.Refuted > 0 || d.Error is not null;
            table.AddRow(
                new Text(d.Path, failing ? new Style(Color.Red) : Style.Plain),
                Count(s.Proved, Color.Green),
                Count(s.Confirmed, Color.Green),
                Count(s.Refuted, Color.Red),
                Count(s.Unsupported, Color.Yellow),
                Count(s.Skipped, Color.Grey));
        }
        return table;
    }

    /// <summary>
    /// Draws the table on <paramref name="output"/> (the report's writer: standard output, a terminal); without
    /// <paramref name="color"/> (NO_COLOR) no escape sequences at all, like the rest of the report.
    /// </summary>
    public static void Write(VerificationReport report, TextWriter output, bool color) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        }).Write(Build(report));

    /// <summary>A count in its colour, plain when zero (nothing to draw the eye to).</summary>
    private static Text Count(int n, Color colour) =>
        new(n.ToString(CultureInfo.InvariantCulture), n > 0 ? new Style(colour) : Style.Plain);
}
