using System.Globalization;
using System.Net;
using System.Text;
using SymKl.Derivations.Reports;
using SymKl.Symbolic;

namespace SymKl.Cli.Reporting.Html;

/// <summary>
/// The frame of every report page: a Content-Security-Policy that forbids loading anything (the page works
/// offline and never contacts a server, whatever the document says), the styles (light, dark, print), and the
/// pieces shared by the index and the document pages.
/// </summary>
internal static class HtmlPage
{
    /// <summary>Nothing may be fetched: styles, scripts and fonts are inline or data: URLs; links still navigate when clicked.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:";

    public static void WriteHead(StringBuilder html, string title, bool withKatex)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"color-scheme\" content=\"light dark\">\n");
        html.Append("<title>").Append(Encode(title)).Append("</title>\n");
        if (withKatex) html.Append("<style>").Append(KatexAssets.Style).Append("</style>\n");
        html.Append("<style>").Append(Styles).Append("</style>\n</head>\n");
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>An icon per verdict, so that the page reads without colour too (each is also written out in words).</summary>
    public static string Icon(VerdictKind verdict) => verdict switch
    {
        VerdictKind.Proved => "\u220E",      // ∎ end of proof
        VerdictKind.Confirmed => "\u2713",   // ✓
        VerdictKind.Refuted => "\u2717",     // ✗
        VerdictKind.Unsupported => "?",
        _ => "\u2013",                       // – skipped
    };

    /// <summary>The summary bar: one coloured, labelled count per verdict.</summary>
    public static void WriteSummaryBar(StringBuilder html, ReportSummary s)
    {
        html.Append("<p class=\"bar\" role=\"status\">");
        Count(html, VerdictKind.Proved, s.Proved);
        Count(html, VerdictKind.Confirmed, s.Confirmed);
        Count(html, VerdictKind.Refuted, s.Refuted);
        Count(html, VerdictKind.Unsupported, s.Unsupported);
        Count(html, VerdictKind.Skipped, s.Skipped);
        html.Append("</p>\n");
    }

    private static void Count(StringBuilder html, VerdictKind verdict, int n)
    {
        var name = ReportText.VerdictName(verdict);
        html.Append("<span class=\"count v-").Append(name).Append(n == 0 ? " zero" : "").Append("\" data-verdict=\"").Append(name).Append("\">")
            .Append("<span class=\"icon\" aria-hidden=\"true\">").Append(Icon(verdict)).Append("</span> ")
            .Append(Number(n)).Append(' ').Append(name).Append("</span>");
    }

    private const string Styles = """
:root{--bg:#fff;--fg:#1b1f23;--muted:#5b6570;--line:#d8dee4;--panel:#f6f8fa;--proved:#1a7f37;--confirmed:#2f8f5b;--refuted:#cf222e;--unsupported:#9a6700;--skipped:#6e7781;--warn:#8250df;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9aa5b1;--line:#30363d;--panel:#161b22;--proved:#3fb950;--confirmed:#56d364;--refuted:#ff7b72;--unsupported:#d29922;--skipped:#8b949e;--warn:#bc8cff;--link:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
header{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 1.2rem}
header h1{font-size:1.15rem;margin:0 0 .2rem;word-break:break-all}
.bar{margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.count{border:1px solid currentColor;border-radius:1rem;padding:0 .6rem;font-size:.9rem;white-space:nowrap}
.count.zero{opacity:.55}
.v-proved{color:var(--proved)}.v-confirmed{color:var(--confirmed)}.v-refuted{color:var(--refuted)}.v-unsupported{color:var(--unsupported)}.v-skipped{color:var(--skipped)}
.refuted-list{margin:.2rem 0 0;padding:0;list-style:none;font-size:.9rem}
.refuted-list li{margin:.1rem 0}
main{max-width:1280px;margin:0 auto;padding:1rem 1.2rem}
.blk{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.2rem;border-left:4px solid transparent;padding-left:.6rem;scroll-margin-top:7rem}
.blk.worst-refuted{border-left-color:var(--refuted)}.blk.worst-unsupported{border-left-color:var(--unsupported)}.blk.worst-proved,.blk.worst-confirmed{border-left-color:var(--proved)}
.src{min-width:0;overflow-x:auto}
.src .math-error{color:var(--refuted);font-family:ui-monospace,monospace;white-space:pre-wrap}
.margin{font-size:.85rem;min-width:0}
.st,.warning{border:1px solid var(--line);border-left:4px solid currentColor;border-radius:4px;background:var(--panel);margin:.35rem 0;padding:.2rem .5rem;scroll-margin-top:7rem}
.st summary{cursor:pointer}
.st:target,.warning:target{outline:2px solid var(--link)}
.st .role{color:var(--muted)}
.st .details{color:var(--fg);overflow-x:auto}
.st dl{margin:.3rem 0;display:grid;grid-template-columns:auto minmax(0,1fr);gap:.1rem .5rem}
.st dt{color:var(--muted)}.st dd{margin:0;overflow-x:auto}
.warning{color:var(--warn)}
.warning .msg{color:var(--fg)}
.lineno{color:var(--muted);font-variant-numeric:tabular-nums}
pre{background:var(--panel);padding:.5rem;overflow-x:auto}
table.docs{border-collapse:collapse;width:100%}
table.docs th,table.docs td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:right}
table.docs th:first-child,table.docs td:first-child{text-align:left}
footer{color:var(--muted);font-size:.8rem;padding:1rem 1.2rem}
@media (max-width:900px){.blk{grid-template-columns:1fr}}
@media print{header{position:static}.st{break-inside:avoid}a{color:inherit}.blk{grid-template-columns:minmax(0,1fr) 16rem}}
""";
}
