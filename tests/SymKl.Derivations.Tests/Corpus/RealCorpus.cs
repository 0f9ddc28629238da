using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Corpus;

/// <summary>One hand-graded statement of a real document (a row of NAME.grade.tsv).</summary>
public sealed record GradedStatement(int Line, int Ordinal, string Role, string Grade, string Statement, string Why)
{
    /// <summary>Steps, claims and implications are what a document asserts; the rest must never be refuted.</summary>
    public bool IsAssertion => Role is "step" or "claim" or "implication";
}

/// <summary>A SymKl statement matched to its grade (null when the graders did not list it).</summary>
public sealed record GradedResult(StepResult Result, GradedStatement? Grade);

/// <summary>What SymKl did on one real document, against its hand grades.</summary>
public sealed record RealDocumentOutcome(string Name, IReadOnlyList<GradedStatement> Grades, IReadOnlyList<GradedResult> Results)
{
    private IEnumerable<GradedStatement> Assertions => Grades.Where(g => g.IsAssertion);

    public int Graded => Assertions.Count();
    public int Wrong => Assertions.Count(g => g.Grade == "wrong");

    /// <summary>Assertions with a verdict of proved, confirmed or refuted.</summary>
    public int Decided => Assertions.Count(g => VerdictOf(g) is VerdictKind.Proved or VerdictKind.Confirmed or VerdictKind.Refuted);

    public int WrongRefuted => Assertions.Count(g => g.Grade == "wrong" && VerdictOf(g) == VerdictKind.Refuted);

    /// <summary>Wrong assertions proved or confirmed: the worst outcome there is.</summary>
    public int WrongAccepted => Assertions.Count(g => g.Grade == "wrong" && VerdictOf(g) is VerdictKind.Proved or VerdictKind.Confirmed);

    /// <summary>Refutations of statements graded valid, of non-assertions, or of statements the graders did not list.</summary>
    public IReadOnlyList<GradedResult> FalseAlarms =>
        [.. Results.Where(r => r.Result.Verdict.Kind == VerdictKind.Refuted && (r.Grade is null || !r.Grade.IsAssertion || r.Grade.Grade == "valid"))];

    /// <summary>The first wrong assertion (by position) is refuted, or the document has none.</summary>
    public bool FirstWrongLocated
    {
        get
        {
            var first = Assertions.Where(g => g.Grade == "wrong").OrderBy(g => g.Line).ThenBy(g => g.Ordinal).FirstOrDefault();
            return first is null || VerdictOf(first) == VerdictKind.Refuted;
        }
    }

    public VerdictKind? VerdictOf(GradedStatement g) =>
        Results.FirstOrDefault(r => ReferenceEquals(r.Grade, g))?.Result.Verdict.Kind;
}

/// <summary>
/// tests/real: published Markdown documents saved verbatim (NAME.md), where they came from (NAME.source.json)
/// and how a person graded every statement by reading it (NAME.grade.tsv: line, ordinal, role, grade,
/// statement, why). The documents are the yardstick for real writing; the grades are never produced by SymKl.
/// </summary>
public static class RealCorpus
{
    public static string Folder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "real"));

    public static IReadOnlyList<string> Documents() =>
        Directory.Exists(Folder())
            ? [.. Directory.GetFiles(Folder(), "*.md").Where(f => File.Exists(Path.ChangeExtension(f, ".grade.tsv")))
                .Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).Select(n => n!)]
            : [];

    public static IReadOnlyList<GradedStatement> ReadGrades(string name)
    {
        var path = Path.Combine(Folder(), name + ".grade.tsv");
        var rows = new List<GradedStatement>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split('\t');
            if (cells.Length < 4) throw new FormatException($"{path}:{i + 1}: expected at least 4 tab-separated cells");
            rows.Add(new GradedStatement(
                int.Parse(cells[0], CultureInfo.InvariantCulture),
                int.Parse(cells[1], CultureInfo.InvariantCulture),
                cells[2].Trim(), cells[3].Trim(),
                cells.Length > 4 ? cells[4] : "", cells.Length > 5 ? cells[5] : ""));
        }
        return rows;
    }

    /// <summary>
    /// The per-step wall-clock budget for the pinned runs: well above what any step takes on an idle machine, so that the
    /// pins record what the deterministic budgets decide rather than how busy the machine was (a loaded CI runner took
    /// some model checks past the default 10 s and flipped their verdicts).
    /// </summary>
    private static readonly TimeSpan StepBudget = TimeSpan.FromSeconds(60);

    public static RealDocumentOutcome Run(string name)
    {
        var grades = ReadGrades(name);
        var result = DocumentVerifier.VerifyFile(Path.Combine(Folder(), name + ".md"), new VerifyOptions { StepTimeout = StepBudget });
        return new RealDocumentOutcome(name, grades, Match(result.Steps, grades));
    }

    /// <summary>
    /// Pairs SymKl's statements with the graded rows on the same line: by ordinal when both list the same number
    /// of statements there, otherwise by the closest right-hand side text.
    /// </summary>
    public static IReadOnlyList<GradedResult> Match(IReadOnlyList<StepResult> steps, IReadOnlyList<GradedStatement> grades)
    {
        var matched = new List<GradedResult>();
        foreach (var line in steps.GroupBy(s => s.Line))
        {
            var ours = line.OrderBy(s => s.Column).ToList();
            var theirs = grades.Where(g => g.Line == line.Key).OrderBy(g => g.Ordinal).ToList();
            if (ours.Count == theirs.Count)
            {
                for (var i = 0; i < ours.Count; i++) matched.Add(new GradedResult(ours[i], theirs[i]));
                continue;
            }
            var free = new List<GradedStatement>(theirs);
            foreach (var s in ours)
            {
                var best = free.OrderByDescending(g => Similarity(s.Rhs, RightSide(g.Statement))).FirstOrDefault();
                if (best is not null) free.Remove(best);
                matched.Add(new GradedResult(s, best));
            }
        }
        return matched;
    }

    private static string RightSide(string statement)
    {
        foreach (var op in new[] { "\\geq", "\\leq", "\\ge", "\\le", "\\neq", "\\approx", ">=", "<=", "=", ">", "<" })
        {
            var at = statement.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0) return statement.Substring(at + op.Length);
        }
        return statement;
    }

    /// <summary>Shared characters of the two texts with spaces removed (a crude but order-insensitive score).</summary>
    private static int Similarity(string a, string b)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in a.Where(c => !char.IsWhiteSpace(c))) counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        var shared = 0;
        foreach (var c in b.Where(c => !char.IsWhiteSpace(c)))
            if (counts.TryGetValue(c, out var n) && n > 0) { counts[c] = n - 1; shared++; }
        return shared;
    }
}
