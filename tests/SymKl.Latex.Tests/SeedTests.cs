using System.Text.RegularExpressions;
using SymKl.Latex.Syntax;
using Xunit.Abstractions;

namespace SymKl.Latex.Tests;

/// <summary>
/// Every display and inline formula of the seed posts parses without an exception; a formula that cannot
/// be repaired has an Error diagnostic with a position (nothing is dropped silently). The seeds live beside
/// the repository: walk up to the folder with SymKl.sln, then ../shared/seeds.
/// </summary>
public class SeedTests
{
    private readonly ITestOutputHelper _output;

    public SeedTests(ITestOutputHelper output) => _output = output;

    internal static string? SeedsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        string seeds = Path.Combine(dir.Parent.FullName, "shared", "seeds");
        return Directory.Exists(seeds) ? seeds : null;
    }

    /// <summary>$$…$$ first (possibly over several lines), then $…$ on what is left.</summary>
    internal static IEnumerable<(string File, int Offset, string Formula)> Formulas(string folder)
    {
        foreach (string path in Directory.GetFiles(folder, "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            var taken = new bool[text.Length];
            foreach (Match m in Regex.Matches(text, @"\$\$(.+?)\$\$", RegexOptions.Singleline))
            {
                for (int i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
                yield return (Path.GetFileName(path), m.Groups[1].Index, m.Groups[1].Value);
            }
            var rest = new string(text.Select((c, i) => taken[i] ? ' ' : c).ToArray());
            foreach (Match m in Regex.Matches(rest, @"\$([^$\n]+?)\$"))
            {
                yield return (Path.GetFileName(path), m.Groups[1].Index, m.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void Every_seed_formula_parses_and_failures_are_positioned()
    {
        string? folder = SeedsFolder();
        if (folder is null)
        {
            _output.WriteLine("SKIPPED: no shared/seeds folder beside the repository root (walked up from " + AppContext.BaseDirectory + ")");
            return;
        }
        int formulas = 0, withErrors = 0, repaired = 0;
        foreach (var (file, offset, formula) in Formulas(folder))
        {
            formulas++;
            var r = LatexParser.ParseMath(formula);
            string where = file + " @" + offset + ": " + formula.Trim();
            Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.InternalError);
            Assert.NotNull(r.Root);
            bool hasErrorNode = r.Root!.DescendantsAndSelf().Any(n => n is ErrorNode);
            if (hasErrorNode) Assert.True(r.HasErrors, "an error node without an error diagnostic: " + where);
            foreach (var error in r.Errors)
            {
                Assert.InRange(error.Span.Start, 0, formula.Length);
                Assert.InRange(error.Span.End, error.Span.Start, formula.Length);
            }
            if (formula.Trim().Length > 0) Assert.True(r.Root.Rows.Count > 0 || r.HasErrors, "nothing read from: " + where);
            if (r.HasErrors) withErrors++;
            if (r.Warnings.Any()) repaired++;
            foreach (var d in r.Diagnostics) _output.WriteLine(where.Substring(0, Math.Min(where.Length, 60)) + " … " + d);
        }
        _output.WriteLine($"{formulas} formulas, {repaired} repaired, {withErrors} with errors");
        Assert.True(formulas > 60, "expected the seed posts to hold many formulas, found " + formulas);
        // Exactly one seed row is ambiguous (an extra ')' in the middle of a row, expose line 179).
        Assert.Equal(1, withErrors);
    }

    [Fact]
    public void The_seed_derivation_chains_have_the_expected_shape()
    {
        string? folder = SeedsFolder();
        if (folder is null)
        {
            _output.WriteLine("SKIPPED: no shared/seeds folder beside the repository root");
            return;
        }
        var chain = Formulas(folder).First(f => f.File == "deriving-kl-divergence.md" && f.Formula.Contains("Cross Entropy", StringComparison.Ordinal) == false
            && f.Formula.Contains("&= -\\int q(z) \\log p(z) dz + ", StringComparison.Ordinal));
        var r = LatexParser.ParseMath(chain.Formula);
        Assert.Equal(3, r.Root!.Rows.Count);
        Assert.IsType<Continuation>(((Relation)r.Root.Rows[2].Items[0]).Operands[0]);
    }
}
