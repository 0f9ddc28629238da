using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SymKl.Cli.Tests;

/// <summary>
/// The structure of <c>symkl verify --format html</c>: every statement on its page with its verdict, role and line
/// (as in the JSON report), a counterexample for each refuted step, nothing loaded from anywhere, and document
/// text that never becomes markup or script.
/// </summary>
public sealed class HtmlReportTests
{
    private static readonly Regex Statement = new("<details class=\"st v-(?<v>[a-z]+)\" id=\"s(?<i>\\d+)\" data-verdict=\"(?<verdict>[a-z]+)\" data-role=\"(?<role>[a-z]+)\" data-line=\"(?<line>\\d+)\"[^>]*>(?<body>.*?)</details>", RegexOptions.Singleline);

    [Fact]
    public void SeedReport_HasEveryStatementWithItsVerdictLineAndCounterexample()
    {
        RepositoryPaths.RequireSeeds();
        var folder = TempFolder();
        try
        {
            var index = Path.Combine(folder, "report.html");
            var r = CliRunner.Run("verify", RepositoryPaths.Seeds, "--format", "html", "--output", index);
            Assert.True(r.ExitCode is 0 or 1, r.Stderr);
            var json = CliRunner.Run("verify", RepositoryPaths.Seeds, "--format", "json");
            using var report = JsonDocument.Parse(json.Stdout);
            var indexHtml = File.ReadAllText(index);
            var refutedSeen = 0;
            foreach (var doc in report.RootElement.GetProperty("documents").EnumerateArray())
            {
                var path = doc.GetProperty("path").GetString()!;
                var page = Regex.Match(indexHtml, "data-path=\"" + Regex.Escape(WebUtility.HtmlEncode(path)) + "\"[^>]*><td><a class=\"[^\"]*\" href=\"(?<href>[^\"]+)\"");
                Assert.True(page.Success, "the index links no page for " + path);
                var html = File.ReadAllText(Path.Combine(folder, page.Groups["href"].Value));
                AssertSelfContained(html);
                var statements = Statement.Matches(html).ToDictionary(m => int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture));
                var steps = doc.GetProperty("steps").EnumerateArray().ToList();
                Assert.Equal(steps.Count, statements.Count);
                for (var i = 0; i < steps.Count; i++)
                {
                    var m = statements[i];
                    Assert.Equal(steps[i].GetProperty("verdict").GetString(), m.Groups["verdict"].Value);
                    Assert.Equal(steps[i].GetProperty("role").GetString(), m.Groups["role"].Value);
                    Assert.Equal(steps[i].GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), m.Groups["line"].Value);
                    if (m.Groups["verdict"].Value != "refuted") continue;
                    refutedSeen++;
                    Assert.Contains("class=\"counterexample\"", m.Groups["body"].Value);
                    Assert.Contains("class=\"values\"", m.Groups["body"].Value);
                    Assert.Contains("href=\"#s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"", html); // linked from the header
                }
            }
            Assert.True(refutedSeen > 0, "the seeds have refuted steps; none was found on the pages");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void HostileDocument_StaysText()
    {
        const string markdown = """
            # Title <script>alert('text')</script>

            Plain <img src="http://example.com/pixel.png"> raw HTML, an image ![x](https://example.com/a.png),
            a [script link](javascript:alert(1)) and an [ordinary link](https://example.org/page).

            $$
            a + b </script><script>alert('math')</script> = b + a
            $$

            <iframe src="https://example.com/frame"></iframe>
            """;
        var html = RenderOne(markdown, out _);
        AssertSelfContained(html);
        Assert.Equal(2, Regex.Matches(html, "<script>").Count); // KaTeX and the typesetting script, nothing else
        Assert.DoesNotContain("<img", ScriptFree(html));
        Assert.DoesNotContain("<iframe", ScriptFree(html));
        Assert.DoesNotContain("javascript:", ScriptFree(html), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(", html); // the math, encoded
        Assert.Contains("href=\"https://example.org/page\"", html); // a plain link of the document's own text stays a link
    }

    [Fact]
    public void RefutedStep_IsMarkedInTheMarginWithItsCounterexample()
    {
        var html = RenderOne("""
            A wrong expansion:

            $$
            (a+b)^2 = a^2 + b^2
            $$
            """, out var exit);
        Assert.Equal(1, exit);
        var m = Statement.Matches(html).Single();
        Assert.Equal("refuted", m.Groups["verdict"].Value);
        Assert.Equal("4", m.Groups["line"].Value);
        Assert.Contains("class=\"counterexample\"", m.Groups["body"].Value);
        Assert.Contains("open>", m.Value); // shown without a click
        Assert.Contains("<section class=\"blk worst-refuted\" id=\"L3\"", html);
    }

    [Fact]
    public void SeveralDocuments_WithoutOutput_IsBadUsage()
    {
        var folder = TempFolder();
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.md"), "$$\nx + x = 2x\n$$\n");
            File.WriteAllText(Path.Combine(folder, "b.md"), "$$\nx \\cdot x = x^2\n$$\n");
            var r = CliRunner.Run("verify", folder, "--format", "html");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("--output", r.Stderr);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>No element loads anything: no src, no stylesheet link, no url() but data:, no import; a Content-Security-Policy forbids fetches.</summary>
    internal static void AssertSelfContained(string html)
    {
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.DoesNotMatch(new Regex("@import", RegexOptions.IgnoreCase), html);
        foreach (Match url in Regex.Matches(ScriptFree(html), "url\\((?<u>[^)]{0,40})"))
            Assert.StartsWith("data:", url.Groups["u"].Value.Trim('\'', '"'));
        // Document text is encoded, so every '<' outside scripts starts a real tag: no tag may load anything, and an
        // http(s) address may only be the target of a link (followed when clicked, never loaded).
        foreach (Match tag in Regex.Matches(ScriptFree(html), "<(?<name>[a-zA-Z][a-zA-Z0-9]*)(?<attrs>[^>]*)>"))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            Assert.DoesNotContain(name, new[] { "img", "iframe", "link", "object", "embed", "video", "audio", "source", "frame" });
            foreach (Match attr in Regex.Matches(tag.Groups["attrs"].Value, "(?<attr>[a-zA-Z-]+)\\s*=\\s*\"(?<value>[^\"]*)\""))
            {
                Assert.NotEqual("src", attr.Groups["attr"].Value.ToLowerInvariant());
                if (Regex.IsMatch(attr.Groups["value"].Value, "^\\s*(https?:)?//", RegexOptions.IgnoreCase))
                    Assert.True(name == "a" && attr.Groups["attr"].Value.Equals("href", StringComparison.OrdinalIgnoreCase), "<" + name + " " + attr.Value + "> loads an address");
            }
        }
    }

    /// <summary>The page without the contents of its script elements (KaTeX's own code mentions src and http).</summary>
    private static string ScriptFree(string html) => Regex.Replace(html, "<script>.*?</script>", "<script></script>", RegexOptions.Singleline);

    private static string RenderOne(string markdown, out int exit)
    {
        var folder = TempFolder();
        try
        {
            var md = Path.Combine(folder, "post.md");
            File.WriteAllText(md, markdown);
            var output = Path.Combine(folder, "post.html");
            var r = CliRunner.Run("verify", md, "--format", "html", "--output", output);
            Assert.True(r.ExitCode is 0 or 1, r.Stderr);
            exit = r.ExitCode;
            return File.ReadAllText(output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    internal static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "symkl-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
