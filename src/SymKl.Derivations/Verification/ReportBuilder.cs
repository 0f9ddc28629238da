using SymKl.Derivations.Markdown;
using SymKl.Derivations.Reports;

namespace SymKl.Derivations.Verification;

/// <summary>Turns a verified document into the report model every output format writes.</summary>
public static class ReportBuilder
{
    public static DocumentReport Build(DocumentResult result, SourceText source, string displayPath)
    {
        var steps = result.Steps.Select(s =>
        {
            var endColumn = s.End.Line == s.RhsStart.Line ? s.End.Column : source.GetLineText(s.RhsStart.Line).Length + 1;
            return StepReport.From(s, displayPath, endColumn, source.GetLineText(s.Line));
        }).ToList();
        var warnings = result.Warnings
            .OrderBy(w => w.Position.Line).ThenBy(w => w.Position.Column)
            .Select(w => new ReportWarning(w.Position.Line, w.Position.Column, w.Code + ": " + w.Message, w.Kind)
            {
                SourceLine = source.GetLineText(w.Position.Line),
                Code = w.Code,
                Unreadable = w.Unreadable,
            })
            .ToList();
        var error = result.InternalError is { } e
            ? new ReportError(e.Position.Line, e.Position.Column, e.Message) { SourceLine = source.GetLineText(e.Position.Line) }
            : null;
        return new DocumentReport(displayPath, steps, warnings) { Error = error };
    }
}
