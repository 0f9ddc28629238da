using System.Diagnostics;
using System.Text;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using Xunit.Abstractions;

namespace SymKl.Cli.Tests;

/// <summary>
/// Fuzzing of the whole pipeline, in process, with a fixed seed: random LaTeX from the grammar, mutations of the
/// corpus and of the seed posts, deep nesting and long inputs. Properties: nothing throws out of the parser, the
/// binder or the verifier, none of them reports an internal error, and every document is answered within the
/// budget of its steps. Each family stops at its share of the time, so the test is bounded on any machine.
/// Found and fixed (each with its own test): recursion through a self-referential definition overflowed the
/// stack; Markdig's depth limit escaped the reader as an exception.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixed for CI; SYMKL_FUZZ_SEED and SYMKL_FUZZ_SECONDS (per family) run a longer search by hand.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SYMKL_FUZZ_SEED"), out var s) ? s : 20261204;

    private static readonly double? Seconds = double.TryParse(Environment.GetEnvironmentVariable("SYMKL_FUZZ_SECONDS"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;

    /// <summary>Per-step budget while fuzzing, and the slack allowed per document on top of its steps' budgets.</summary>
    private static readonly TimeSpan StepBudget = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private static readonly VerifyOptions Options = new() { StepTimeout = StepBudget };

    // ------------------------------------------------------------------ random LaTeX from the grammar

    private static readonly string[] Atoms = ["x", "y", "z", "\\mu", "\\sigma", "\\sigma_1", "\\lambda", "\\theta", "2", "0", "1", "0.5", "\\pi", "e", "n", "k", "p(x)", "q(z)", "\\alpha", "\\infty"];

    private static string Expression(Random r, int depth)
    {
        if (depth <= 0 || r.Next(4) == 0) return Atoms[r.Next(Atoms.Length)];
        string E() => Expression(r, depth - 1);
        return r.Next(22) switch
        {
            0 => E() + " + " + E(),
            1 => E() + " - " + E(),
            2 => E() + " " + E(),
            3 => E() + " \\cdot " + E(),
            4 => "\\frac{" + E() + "}{" + E() + "}",
            5 => "{" + E() + "}^{" + E() + "}",
            6 => "\\sqrt{" + E() + "}",
            7 => "\\log " + E(),
            8 => "\\log\\left(" + E() + "\\right)",
            9 => "e^{" + E() + "}",
            10 => "\\exp(" + E() + ")",
            11 => "-" + E(),
            12 => "\\int " + E() + " \\, dx",
            13 => "\\int_{0}^{1} " + E() + " dz",
            14 => "\\sum_{k=1}^{" + (r.Next(3) == 0 ? "n" : r.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture)) + "} " + E(),
            15 => "\\mathbb{E}_{x \\sim p(x)}[" + E() + "]",
            16 => "KL(q \\| p)",
            17 => "\\left(" + E() + "\\right)",
            18 => "|" + E() + "|",
            19 => "\\Gamma(" + E() + ")",
            20 => "\\sin(" + E() + ")",
            _ => "(" + E() + ")^2",
        };
    }

    private static readonly string[] Relations = ["=", "=", "=", "\\neq", "\\leq", "\\geq", "<", "\\approx", "\\sim", ":="];

    private static string RandomDocument(Random r)
    {
        var sb = new StringBuilder();
        if (r.Next(3) == 0) sb.Append("<!-- symkl: assume \\sigma > 0 -->\n");
        for (int i = 0, n = r.Next(1, 4); i < n; i++)
        {
            var chain = Expression(r, r.Next(1, 5));
            for (int j = 0, m = r.Next(1, 3); j < m; j++) chain += " " + Relations[r.Next(Relations.Length)] + " " + Expression(r, r.Next(1, 5));
            sb.Append(r.Next(4) == 0 ? "Inline $" + chain + "$ here.\n\n" : "$$\n" + chain + "\n$$\n\n");
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ mutations of real documents

    private static readonly string[] Insertions =
    [
        "{", "}", "\\", "$$", "$", "&", "\\\\", "\\frac", "\\left(", "\\right)", "\\begin{aligned}", "\\end{aligned}", ">", "- ", "```",
        "\n", "\n\n", "<!-- symkl: assume x > 0 -->", "<!-- symkl: skip -->", "---\n", "^", "_", "\\int", "d", "\u00e2\u02c6\u00ab", "rac{", "egin{",
        "\U0001D465", "\uD835", "\0", "\t", "\\mathbb{E}[", "]", "|", "\\|", "=", "&=", "\\sum_{", "p(x) = ",
    ];

    private static string Mutate(Random r, string text)
    {
        var chars = new StringBuilder(text);
        for (int i = 0, n = r.Next(1, 8); i < n && chars.Length > 0; i++)
        {
            var at = r.Next(chars.Length);
            switch (r.Next(5))
            {
                case 0: chars.Remove(at, Math.Min(r.Next(1, 40), chars.Length - at)); break;
                case 1: chars.Insert(at, Insertions[r.Next(Insertions.Length)]); break;
                case 2:
                    {
                        var len = Math.Min(r.Next(1, 200), chars.Length - at);
                        chars.Insert(r.Next(chars.Length), chars.ToString(at, len));
                        break;
                    }
                case 3: chars.Length = at; break;
                default: chars[at] = (char)r.Next(32, 127); break;
            }
        }
        return chars.ToString();
    }

    private static List<string> RealDocuments()
    {
        RepositoryPaths.RequireSeeds();
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.md")
            .Concat(Directory.GetFiles(RepositoryPaths.Seeds, "*.md"))
            .Order(StringComparer.Ordinal);
        return [.. files.Select(File.ReadAllText)];
    }

    // ------------------------------------------------------------------ deep and long

    public static IEnumerable<string> DeepAndLong()
    {
        foreach (var n in new[] { 200, 201, 5_000 })
        {
            yield return "$$" + new string('(', n) + "x" + new string(')', n) + " = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("\\sqrt{", n)) + "x" + new string('}', n) + " = x$$";
            yield return "$$" + new string('-', n) + "x = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("\\frac{1}{", n)) + "x" + new string('}', n) + " = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("e^{", n)) + "x" + new string('}', n) + " = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("\\log ", n)) + "x = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("\\left(", n)) + "x" + string.Concat(Enumerable.Repeat("\\right)", n)) + " = x$$";
            yield return "$$" + string.Concat(Enumerable.Repeat("x^{", n)) + "2" + new string('}', n) + " = x$$";
            yield return "$$" + new string('{', n) + "x" + new string('}', n) + " = x$$";
            yield return new string('>', n) + " $$a = a$$";
            yield return new string('[', n) + " $$a = a$$";
            yield return string.Concat(Enumerable.Range(0, Math.Min(n, 300)).Select(i => new string(' ', 2 * i) + "- x\n")) + "\n$$a = a$$";
        }
        // Long: a chain of many steps, a sum of many terms, many displays, a long line of prose dollars.
        yield return "$$\nx " + string.Concat(Enumerable.Range(0, 150).Select(i => "&= x + " + i + " - " + i + " \\\\\n")) + "$$";
        yield return "$$" + string.Join(" + ", Enumerable.Repeat("x", 5000)) + " = 5000 x$$";
        yield return string.Concat(Enumerable.Range(0, 100).Select(i => "$$a_" + i + " + a_" + i + " = 2 a_" + i + "$$\n\n"));
        yield return string.Concat(Enumerable.Repeat("$5 and $", 20_000));
        yield return "$$f(x) = f(x) + 1$$\n$$f(2) = 3$$";
        yield return "$$f(x) = g(x)$$\n$$g(x) = h(x)$$\n$$h(x) = f(x)$$\n$$f(1) = h(1)$$";
    }

    // ------------------------------------------------------------------ the properties

    /// <summary>Parses, binds and verifies one document; returns a description of what went wrong, or null.</summary>
    private static string? Check(string markdown)
    {
        try
        {
            var document = MarkdownReader.Parse(markdown, "fuzz.md");
            foreach (var block in document.Blocks)
            {
                var parsed = LatexParser.ParseMath(block.Text);
                if (parsed.Diagnostics.FirstOrDefault(d => d.Code is DiagnosticCodes.InternalError) is { } pd) return "parser: " + pd.Message;
                foreach (var item in parsed.Root?.Rows.SelectMany(row => row.Items) ?? [])
                {
                    var operands = item is Relation rel ? rel.Operands : [item];
                    foreach (var operand in operands)
                        if (ExprBinder.Bind(operand, null, parsed).Diagnostics.FirstOrDefault(d => d.Code is DiagnosticCodes.BinderInternalError) is { } bd)
                            return "binder: " + bd.Message;
                }
            }
            var clock = Stopwatch.StartNew();
            var result = DocumentVerifier.Verify(document, Options);
            if (result.InternalError is { } error) return "verifier: " + error.Message;
            var allowed = StepBudget * (result.Steps.Count + 1) * 2 + Slack;
            if (clock.Elapsed > allowed) return "took " + clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s for " + result.Steps.Count + " steps";
            return null;
        }
        catch (Exception e)
        {
            return "exception: " + e;
        }
    }

    private void Run(IEnumerable<string> inputs, TimeSpan share)
    {
        if (Seconds is { } seconds && share != TimeSpan.MaxValue) share = TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var count = 0;
        foreach (var input in inputs)
        {
            if (clock.Elapsed > share && count > 0) break;
            count++;
            var started = clock.Elapsed;
            var outcome = Check(input);
            if (clock.Elapsed - started > TimeSpan.FromSeconds(1))
                output.WriteLine("slow (" + (clock.Elapsed - started).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s): " + (input.Length > 80 ? input.Substring(0, 80) + "…" : input));
            if (outcome is { } problem) failures.Add(problem + "\n--- input ---\n" + (input.Length > 2000 ? input.Substring(0, 2000) + "…" : input));
        }
        output.WriteLine(count + " inputs in " + clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
        Assert.True(failures.Count == 0, failures.Count + " of " + count + " inputs failed:\n" + string.Join("\n\n", failures.Take(3)));
    }

    private static IEnumerable<string> Generated(Random r)
    {
        while (true) yield return RandomDocument(r);
    }

    private static IEnumerable<string> Mutated(Random r, List<string> documents)
    {
        while (true) yield return Mutate(r, documents[r.Next(documents.Count)]);
    }

    [Fact]
    public void RandomLatexFromTheGrammar() => Run(Generated(new Random(Seed)), TimeSpan.FromSeconds(4));

    [Fact]
    public void MutatedCorpusAndSeedDocuments() => Run(Mutated(new Random(Seed + 1), RealDocuments()), TimeSpan.FromSeconds(5));

    // Every one of these runs, whatever the time (about 40 inputs, a few seconds).
    [Fact]
    public void DeepNestingAndLongInputs() => Run(DeepAndLong(), TimeSpan.MaxValue);
}
