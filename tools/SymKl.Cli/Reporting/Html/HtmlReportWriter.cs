using System.Text;
using SymKl.Derivations.Reports;

namespace SymKl.Cli.Reporting.Html;

/// <summary>
/// <c>symkl verify --format html</c>: for one document, one self-contained page; for several, an index page (a
/// summary per document) at the output path and one page per document in the folder beside it named
/// <c>&lt;output name&gt;.pages</c>. Every page is a single file with its styles, fonts and script inlined.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>Writes the report; <paramref name="outputPath"/> is null when <paramref name="output"/> is standard output (one document only).</summary>
    /// <returns>null when written, else why not (the caller exits 2).</returns>
    public static string? Write(VerificationReport report, TextWriter output, string? outputPath, string toolVersion)
    {
        if (report.Documents.Count == 1)
        {
            var doc = report.Documents[0];
            output.Write(HtmlDocumentPage.Render(doc, TryReadText(doc.Path), indexHref: null, toolVersion));
            return null;
        }
        if (outputPath is null) return "an HTML report of several documents is an index page and a page per document: give --output FILE.html";
        var pagesName = Path.GetFileNameWithoutExtension(outputPath) + ".pages";
        var pagesFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath)) ?? ".", pagesName);
        Directory.CreateDirectory(pagesFolder);
        var indexName = Path.GetFileName(outputPath);
        var pages = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < report.Documents.Count; i++)
        {
            var doc = report.Documents[i];
            var name = PageName(doc.Path, used);
            pages.Add(pagesName + "/" + name);
            File.WriteAllText(Path.Combine(pagesFolder, name), HtmlDocumentPage.Render(doc, TryReadText(doc.Path), "../" + indexName, toolVersion), new UTF8Encoding(false));
        }
        output.Write(RenderIndex(report, pages, toolVersion));
        return null;
    }

    public static string RenderIndex(VerificationReport report, IReadOnlyList<string> pageHrefs, string toolVersion)
    {
        var html = new StringBuilder();
        HtmlPage.WriteHead(html, "SymKl report: " + HtmlPage.Number(report.Documents.Count) + " documents", withKatex: false);
        html.Append("<body>\n<header>\n<h1>SymKl report: ").Append(HtmlPage.Number(report.Documents.Count)).Append(" documents</h1>\n");
        HtmlPage.WriteSummaryBar(html, report.Summary);
        html.Append("</header>\n<main>\n<table class=\"docs\">\n<thead><tr><th>document</th><th>proved</th><th>confirmed</th><th>refuted</th><th>unsupported</th><th>skipped</th><th>warnings</th></tr></thead>\n<tbody>\n");
        // Documents with a refuted step first: they are what a reviewer opens.
        var order = report.Documents.Select((d, i) => (Doc: d, Index: i)).OrderBy(x => x.Doc.Summary.Refuted > 0 || x.Doc.Error is not null ? 0 : 1).ThenBy(x => x.Index);
        foreach (var (doc, index) in order)
        {
            var s = doc.Summary;
            var cls = doc.Error is not null || s.Refuted > 0 ? "v-refuted" : s.Unsupported > 0 ? "v-unsupported" : "v-proved";
            html.Append("<tr class=\"doc\" data-path=\"").Append(HtmlPage.Encode(doc.Path)).Append("\" data-refuted=\"").Append(HtmlPage.Number(s.Refuted)).Append("\"><td><a class=\"")
                .Append(cls).Append("\" href=\"").Append(HtmlPage.Encode(pageHrefs[index])).Append("\">").Append(HtmlPage.Encode(doc.Path)).Append("</a>")
                .Append(doc.Error is null ? "" : " (internal error: not fully checked)").Append("</td>");
            foreach (var n in new[] { s.Proved, s.Confirmed, s.Refuted, s.Unsupported, s.Skipped, doc.AllWarnings.Count })
                html.Append("<td>").Append(HtmlPage.Number(n)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</main>\n<footer>SymKl ").Append(HtmlPage.Encode(toolVersion)).Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The document's text as the verifier read it; null when it cannot be read any more (the page still lists its statements).</summary>
    private static string? TryReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file name from the document's name: letters, digits, '-', '_' and '.', unique within the report.</summary>
    private static string PageName(string documentPath, HashSet<string> used)
    {
        var stem = Path.GetFileNameWithoutExtension(documentPath);
        var clean = new StringBuilder();
        foreach (var ch in stem) clean.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-');
        if (clean.Length == 0) clean.Append("document");
        var name = clean + ".html";
        for (var k = 2; !used.Add(name); k++) name = clean + "-" + HtmlPage.Number(k) + ".html";
        return name;
    }
}
