using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SymKl.Bench;

/// <summary>Runs the SymPy anchor script (shared/anchors/sympy_seed_steps.py) with Debian's interpreter and reads its timings.</summary>
internal static partial class SympyAnchor
{
    /// <summary>Milliseconds per anchor row, keyed by the row's name; empty when Python or SymPy is missing.</summary>
    public static Dictionary<string, double> Run(string anchorsFolder, out string? problem)
    {
        problem = null;
        var script = Path.Combine(anchorsFolder, "sympy_seed_steps.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        if (!File.Exists(script)) { problem = "anchor script not found: " + script; return []; }
        var psi = new ProcessStartInfo(python, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { problem = "the SymPy anchor failed (install Debian's python3-sympy): " + error.Trim().Split('\n').LastOrDefault(); return []; }
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var m = Row().Match(line);
            if (m.Success) result[m.Groups["name"].Value.Trim()] = double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture);
        }
        return result;
    }

    [GeneratedRegex(@"^(?<name>.*?)\s+(?:PROVED|not proved)?\s*(?<ms>[0-9]+\.[0-9]+) ms")]
    private static partial Regex Row();
}
