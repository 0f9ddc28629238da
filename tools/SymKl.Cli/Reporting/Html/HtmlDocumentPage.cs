using System.Text;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Yaml;
using Markdig.Renderers.Html;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Cli.Reporting.Html;

/// <summary>
/// One document's page: its own Markdown rendered to HTML, block by block, each block beside the statements and
/// warnings whose line falls inside it; math typeset in the browser by the inlined KaTeX.
/// </summary>
/// <remarks>
/// Safety: raw HTML in the Markdown is shown as text (Markdig's DisableHtml), images become plain links (a page
/// never loads anything), links keep only http, https, mailto and in-page targets, and math reaches KaTeX as the
/// text content of an element (HTML-encoded in the page, never inside a script). The Content-Security-Policy of
/// <see cref="HtmlPage"/> forbids every fetch in any case.
/// </remarks>
internal static class HtmlDocumentPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UsePreciseSourceLocation()
        .DisableHtml()
        .Build();

    /// <param name="markdown">The document's text (null when it can no longer be read: the statements are listed without it).</param>
    /// <param name="indexHref">The link back to the index page, or null for a report of one document.</param>
    public static string Render(DocumentReport doc, string? markdown, string? indexHref, string toolVersion)
    {
        var html = new StringBuilder(1 << 20);
        HtmlPage.WriteHead(html, "SymKl: " + doc.Path, withKatex: true);
        html.Append("<body>\n<header>\n");
        if (indexHref is not null) html.Append("<a href=\"").Append(HtmlPage.Encode(indexHref)).Append("\">\u2190 all documents</a>\n");
        html.Append("<h1>").Append(HtmlPage.Encode(doc.Path)).Append("</h1>\n");
        HtmlPage.WriteSummaryBar(html, doc.Summary);
        var refuted = doc.Steps.Select((s, i) => (Step: s, Index: i)).Where(x => x.Step.Verdict == VerdictKind.Refuted).ToList();
        if (refuted.Count > 0)
        {
            html.Append("<ul class=\"refuted-list\">");
            foreach (var (step, index) in refuted)
                html.Append("<li class=\"v-refuted\"><a href=\"#s").Append(HtmlPage.Number(index)).Append("\">\u2717 line ").Append(HtmlPage.Number(step.Line))
                    .Append("</a>: ").Append(HtmlPage.Encode(ReportText.Reason(step))).Append("</li>");
            html.Append("</ul>\n");
        }
        if (doc.Error is { } error)
            html.Append("<p class=\"v-refuted\">Not fully checked: internal error at line ").Append(HtmlPage.Number(error.Line)).Append(": ").Append(HtmlPage.Encode(error.Message)).Append("</p>\n");
        html.Append("</header>\n<main>\n");

        var statements = doc.Steps.Select((s, i) => (Step: s, Index: i)).ToList();
        var warnings = doc.AllWarnings.Select((w, i) => (Warning: w, Index: i)).ToList();
        var placedSteps = new HashSet<int>();
        var placedWarnings = new HashSet<int>();
        if (markdown is not null)
        {
            var lines = new LineMap(markdown);
            var parsed = Markdown.Parse(markdown, Pipeline);
            Neutralise(parsed);
            using var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            Pipeline.Setup(renderer);
            foreach (var block in parsed)
            {
                var first = block.Line + 1;
                var last = Math.Max(first, lines.LineOf(Math.Max(block.Span.Start, block.Span.End)));
                var mine = statements.Where(s => s.Step.Line >= first && s.Step.Line <= last && placedSteps.Add(s.Index)).ToList();
                var notes = warnings.Where(w => w.Warning.Line >= first && w.Warning.Line <= last && placedWarnings.Add(w.Index)).ToList();
                string body;
                if (block is YamlFrontMatterBlock)
                {
                    if (mine.Count == 0 && notes.Count == 0) continue;
                    body = "<pre>" + HtmlPage.Encode(markdown.Substring(block.Span.Start, Math.Max(0, block.Span.Length))) + "</pre>";
                }
                else
                {
                    writer.GetStringBuilder().Clear();
                    renderer.Render(block);
                    writer.Flush();
                    body = writer.ToString();
                }
                WriteBlock(html, first, body, mine, notes);
            }
        }
        var rest = statements.Where(s => !placedSteps.Contains(s.Index)).ToList();
        var restNotes = warnings.Where(w => !placedWarnings.Contains(w.Index)).ToList();
        if (rest.Count > 0 || restNotes.Count > 0)
            WriteBlock(html, 0, markdown is null ? "<p>The document could not be read again for this page; its statements:</p>" : "<p>Statements outside the rendered blocks:</p>", rest, restNotes);
        html.Append("</main>\n<footer>SymKl ").Append(HtmlPage.Encode(toolVersion)).Append(" \u00B7 math typeset by KaTeX ").Append(HtmlPage.Encode(KatexAssets.Version))
            .Append(" (MIT licence), bundled in this page</footer>\n");
        html.Append("<script>").Append(KatexAssets.Script).Append("</script>\n<script>").Append(RenderScript).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteBlock(StringBuilder html, int firstLine, string body, List<(StepReport Step, int Index)> steps, List<(ReportWarning Warning, int Index)> notes)
    {
        var worst = steps.Count == 0 ? null : ReportText.VerdictName(steps.Select(s => s.Step.Verdict).OrderBy(Severity).First());
        html.Append("<section class=\"blk").Append(worst is null ? "" : " worst-" + worst).Append('"');
        if (firstLine > 0) html.Append(" id=\"L").Append(HtmlPage.Number(firstLine)).Append("\" data-line=\"").Append(HtmlPage.Number(firstLine)).Append('"');
        html.Append(">\n<div class=\"src\">").Append(body).Append("</div>\n<aside class=\"margin\">");
        foreach (var (step, index) in steps) WriteStatement(html, step, index);
        foreach (var (warning, index) in notes) WriteWarning(html, warning, index);
        html.Append("</aside>\n</section>\n");
    }

    // Refuted first, then undecided, then decided: the colour of a block's edge is that of its worst statement.
    private static int Severity(VerdictKind v) => v switch
    {
        VerdictKind.Refuted => 0,
        VerdictKind.Unsupported => 1,
        VerdictKind.Confirmed => 2,
        VerdictKind.Proved => 3,
        _ => 4,
    };

    private static void WriteStatement(StringBuilder html, StepReport step, int index)
    {
        var verdict = ReportText.VerdictName(step.Verdict);
        var role = StatementRoles.Name(step.Role);
        html.Append("<details class=\"st v-").Append(verdict).Append("\" id=\"s").Append(HtmlPage.Number(index))
            .Append("\" data-verdict=\"").Append(verdict).Append("\" data-role=\"").Append(HtmlPage.Encode(role))
            .Append("\" data-line=\"").Append(HtmlPage.Number(step.Line)).Append("\" data-column=\"").Append(HtmlPage.Number(step.Column)).Append('"')
            .Append(step.Verdict == VerdictKind.Refuted ? " open" : "").Append(">\n<summary><span class=\"icon\" aria-hidden=\"true\">").Append(HtmlPage.Icon(step.Verdict))
            .Append("</span> <strong>").Append(verdict).Append("</strong> <span class=\"role\">[").Append(HtmlPage.Encode(role)).Append("]</span> <span class=\"lineno\">line ")
            .Append(HtmlPage.Number(step.Line)).Append("</span></summary>\n<div class=\"details\">");
        if (step.Lhs.Length > 0 || step.Rhs.Length > 0)
            html.Append("<div class=\"claim\"><span class=\"tex\">").Append(HtmlPage.Encode(step.Lhs + " " + RelationTex(step.Relation) + " " + step.Rhs)).Append("</span></div>");
        var reason = ReportText.Reason(step);
        if (reason.Length > 0) html.Append("<p class=\"reason\">").Append(HtmlPage.Encode(reason)).Append("</p>");
        html.Append("<dl>");
        if (!string.IsNullOrEmpty(step.Residue) && step.Verdict is VerdictKind.Refuted or VerdictKind.Unsupported && step.Residue != "0")
            html.Append("<dt>residue</dt><dd class=\"residue\"><span class=\"tex\">").Append(HtmlPage.Encode(step.Residue)).Append("</span></dd>");
        if (step.Counterexample.Count > 0 || step.LhsValue is not null)
        {
            var at = ReportText.Counterexample(step);
            html.Append("<dt>counterexample</dt><dd class=\"counterexample\">")
                .Append(at.Length > 0 ? "<code>" + HtmlPage.Encode(at) + "</code>" : "(no symbols)").Append("</dd>");
            var values = ReportText.SideValues(step);
            if (values.Length > 0) html.Append("<dt>values</dt><dd class=\"values\">").Append(HtmlPage.Encode(values)).Append("</dd>");
        }
        if (step.RoleCue.Length > 0) html.Append("<dt>role</dt><dd>").Append(HtmlPage.Encode(role + ": " + step.RoleCue)).Append("</dd>");
        html.Append("</dl></div></details>\n");
    }

    private static void WriteWarning(StringBuilder html, ReportWarning warning, int index)
    {
        var kind = warning.Kind == WarningKind.Repair ? "repaired" : warning.Kind == WarningKind.Note ? "note" : "warning";
        html.Append("<div class=\"warning\" id=\"w").Append(HtmlPage.Number(index)).Append("\" data-kind=\"").Append(kind).Append("\" data-line=\"")
            .Append(HtmlPage.Number(warning.Line)).Append("\"><span class=\"icon\" aria-hidden=\"true\">\u26A0</span> <strong>").Append(kind)
            .Append("</strong> <span class=\"lineno\">line ").Append(HtmlPage.Number(warning.Line)).Append(" \u00B7 ").Append(HtmlPage.Encode(warning.Code))
            .Append("</span>: <span class=\"msg\">").Append(HtmlPage.Encode(warning.Message)).Append("</span></div>\n");
    }

    private static string RelationTex(Relation relation) => relation switch
    {
        Relation.Equal => "=",
        Relation.NotEqual => "\\neq",
        Relation.Less => "<",
        Relation.LessOrEqual => "\\leq",
        Relation.Greater => ">",
        Relation.GreaterOrEqual => "\\geq",
        _ => "\\approx",
    };

    /// <summary>Images become links to their source (a page loads nothing) and links to other schemes (javascript:, data:, file:) lose their target.</summary>
    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url)) autolink.Url = "#";
        // $$…$$ inside a paragraph is display math in the posts this reads (Markdig parses it as inline math).
        foreach (var math in document.Descendants<MathInline>())
            if (math.DelimiterCount >= 2) math.GetAttributes().AddClass("display");
    }

    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var u = url.Trim();
        var colon = u.IndexOf(':');
        var slash = u.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true; // relative
        var scheme = u.Substring(0, colon).ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    /// <summary>Maps a character offset to its 1-based line.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(string text)
        {
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') _starts.Add(i + 1);
        }

        public int LineOf(int offset)
        {
            var i = _starts.BinarySearch(offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }
    }

    /// <summary>
    /// Typesets every math element with KaTeX (errors shown in red by KaTeX, never thrown); opens every statement
    /// before printing. Math comes from the element's text, so nothing of the document is ever parsed as script.
    /// </summary>
    private const string RenderScript = """
(function(){
  function strip(t){t=t.trim();var m=/^\\[\(\[]([\s\S]*)\\[\)\]]$/.exec(t);return m?m[1]:t;}
  function typeset(el,display){
    var tex=strip(el.textContent);
    try{katex.render(tex,el,{displayMode:display,throwOnError:false,strict:"ignore",trust:false,maxExpand:2000,output:"htmlAndMathml"});}
    catch(e){el.classList.add("math-error");el.textContent=tex;el.title=String(e&&e.message||e);}
  }
  document.querySelectorAll(".src .math").forEach(function(el){typeset(el,el.tagName==="DIV"||el.classList.contains("display"));});
  document.querySelectorAll(".tex").forEach(function(el){typeset(el,false);});
  window.addEventListener("beforeprint",function(){document.querySelectorAll("details.st").forEach(function(d){d.open=true;});});
  if(location.hash){var t=document.getElementById(location.hash.slice(1));if(t&&t.tagName==="DETAILS")t.open=true;}
})();
""";
}
