using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace SymKl.Cli.Reporting.Html;

/// <summary>
/// KaTeX's script and style sheet, embedded in this assembly (see refresh-katex.sh and katex/VERSION), with every
/// font inlined as a data: URL so that a page needs nothing but itself. Read only when an HTML report is written.
/// </summary>
internal static class KatexAssets
{
    private static readonly Lazy<string> LazyScript = new(() => Read("katex/katex.min.js"));
    private static readonly Lazy<string> LazyStyle = new(InlineFonts);
    private static readonly Lazy<string> LazyVersion = new(() => Read("katex/VERSION").Trim());

    public static string Script => LazyScript.Value;

    /// <summary>katex.min.css with each @font-face reduced to its woff2 file as a data: URL (every browser that runs KaTeX reads woff2).</summary>
    public static string Style => LazyStyle.Value;

    public static string Version => LazyVersion.Value;

    private static string InlineFonts()
    {
        var css = Read("katex/katex.min.css");
        return Regex.Replace(css, @"src:url\(fonts/(?<name>[A-Za-z0-9_-]+)\.woff2\) format\(""woff2""\)[^;}]*", m =>
            "src:url(data:font/woff2;base64," + Convert.ToBase64String(ReadBytes("katex/fonts/" + m.Groups["name"].Value + ".woff2")) + ") format(\"woff2\")");
    }

    private static string Read(string name) => Encoding.UTF8.GetString(ReadBytes(name));

    private static byte[] ReadBytes(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("the HTML report's resource " + name + " is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
