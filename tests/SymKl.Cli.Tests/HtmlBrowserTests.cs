using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SymKl.Cli.Tests;

/// <summary>
/// The HTML report of a seed in a real browser (headless Chromium): it is typeset (KaTeX output for every display),
/// no script error reaches the console, and the page makes no network request (Chromium is given a proxy that
/// records every request it is asked for).
/// </summary>
public sealed class HtmlBrowserTests
{
    [ChromiumFact]
    public void SeedReport_IsTypesetWithoutErrorsOrRequests()
    {
        RepositoryPaths.RequireSeeds();
        var folder = HtmlReportTests.TempFolder();
        try
        {
            var page = Path.Combine(folder, "deriving-kl-divergence.html");
            var r = CliRunner.Run("verify", Path.Combine(RepositoryPaths.Seeds, "deriving-kl-divergence.md"), "--format", "html", "--output", page);
            Assert.True(r.ExitCode is 0 or 1, r.Stderr);
            var run = Chromium.Load(page, Path.Combine(folder, "screenshot.png"));

            Assert.True(run.Screenshot.Length > 10_000 && run.Screenshot.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "no screenshot");
            Assert.Empty(run.Requests);
            Assert.Empty(run.ConsoleMessages);
            var displays = Regex.Matches(run.Dom, "<(?:div class=\"math\"|span class=\"math display\")[^>]*>(?<inner>.{0,120})", RegexOptions.Singleline);
            Assert.True(displays.Count >= 5, "only " + displays.Count + " displays found in the rendered page");
            foreach (Match d in displays)
                Assert.Matches("^<span class=\"katex(-display|-error)", d.Groups["inner"].Value);
            Assert.DoesNotMatch("class=\"[^\"]*math-error", run.Dom); // KaTeX threw (rather than reporting a parse error in place)
            Assert.Contains("class=\"katex-display\"", run.Dom);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>The two detectors above can fail: a page with a remote image and a script error is caught by both.</summary>
    [ChromiumFact]
    public void Detectors_CatchARequestAndAScriptError()
    {
        var folder = HtmlReportTests.TempFolder();
        try
        {
            var page = Path.Combine(folder, "bad.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><body><img src=\"http://symkl-test.example/pixel.png\"><script>notDefined();</script></body></html>");
            var run = Chromium.Load(page, Path.Combine(folder, "bad.png"));
            Assert.Contains(run.Requests, q => q.Contains("symkl-test.example", StringComparison.Ordinal));
            Assert.Contains(run.ConsoleMessages, m => m.Contains("notDefined", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}

/// <summary>A fact that is skipped, saying why, only when no Chromium can be found.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null) Skip = "Chromium was not found (install Debian's 'chromium' package; .ci/run does)";
    }
}

internal static class Chromium
{
    public sealed record Run(string Dom, byte[] Screenshot, IReadOnlyList<string> ConsoleMessages, IReadOnlyList<string> Requests);

    public static string? Executable { get; } = Find();

    // Chromium's own background services (updates, time, sign-in): requests to them are not the page's.
    private static readonly HashSet<string> OwnServices = new(StringComparer.OrdinalIgnoreCase)
    {
        "clients2.google.com", "update.googleapis.com", "accounts.google.com", "optimizationguide-pa.googleapis.com",
        "content-autofill.googleapis.com", "safebrowsingohttpgateway.googleapis.com", "redirector.gvt1.com", "edgedl.me.gvt1.com",
        "www.google.com", "clientservices.googleapis.com",
    };

    /// <summary>Loads a page in headless Chromium behind a recording proxy; returns the DOM after scripts ran, a screenshot, console messages and the page's requests.</summary>
    public static Run Load(string page, string screenshot)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var requests = new List<string>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var buffer = new byte[512];
                var stream = client.GetStream();
                stream.ReadTimeout = 2000;
                var n = await stream.ReadAsync(buffer, stop.Token);
                var line = Encoding.ASCII.GetString(buffer, 0, n).Split('\n')[0].Trim();
                lock (requests) requests.Add(line);
            }
        });
        var profile = Path.Combine(Path.GetDirectoryName(screenshot)!, "chromium-profile");
        try
        {
            var psi = new ProcessStartInfo(Executable!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[]
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
                "--proxy-server=http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--proxy-bypass-list=<-loopback>", "--window-size=1280,1600", "--virtual-time-budget=15000",
                "--screenshot=" + screenshot, "--dump-dom", new Uri(page).AbsoluteUri,
            }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("chromium did not finish loading " + page); }
            Assert.True(p.ExitCode == 0, "chromium failed: " + stderr.Result);
            var console = Regex.Matches(stderr.Result, ":CONSOLE[^\\]]*\\] (?<m>.*)").Select(m => m.Groups["m"].Value).ToList();
            List<string> pageRequests;
            lock (requests) pageRequests = requests.Where(q => !OwnServices.Contains(Host(q))).ToList();
            return new Run(stdout.Result, File.Exists(screenshot) ? File.ReadAllBytes(screenshot) : [], console, pageRequests);
        }
        finally
        {
            stop.Cancel();
            listener.Stop();
            try { accepting.Wait(2000); } catch (AggregateException) { }
            try { Directory.Delete(profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The host of a proxy request line: "GET http://host/path HTTP/1.1" or "CONNECT host:443 HTTP/1.1".</summary>
    private static string Host(string requestLine)
    {
        var parts = requestLine.Split(' ');
        if (parts.Length < 2) return string.Empty;
        var target = parts[1];
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri.Host;
        return target.Split(':')[0];
    }

    private static string? Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        return null;
    }
}
