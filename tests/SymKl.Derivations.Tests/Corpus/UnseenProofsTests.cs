using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Corpus;

/// <summary>
/// tests/unseen: collections of published proofs nobody here graded line by line. Only SymKl's refutations are judged
/// (REFUTATIONS.tsv: file, line, statement, genuine or false-alarm, why); the refutations of each file must be exactly the
/// listed ones, so a new refutation is read before it lands and a fixed false alarm is struck off. SYMKL_UPDATE_UNSEEN=1
/// rewrites the lists, keeping the judgements already made and marking new rows unjudged.
/// </summary>
public class UnseenProofsTests
{
    private static readonly string[] Judgements = ["genuine", "false-alarm"];

    private static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "unseen"));

    private static IEnumerable<string> Collections() =>
        Directory.Exists(Root()) ? Directory.GetDirectories(Root()).OrderBy(d => d, StringComparer.Ordinal) : [];

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var collection in Collections())
            foreach (var file in Directory.GetFiles(collection, "*.md").OrderBy(f => f, StringComparer.Ordinal))
                data.Add(Path.GetFileName(collection), Path.GetFileName(file));
        return data;
    }

    internal sealed record Row(string File, int Line, string Statement, string Judgement, string Why);

    /// <summary>
    /// For each refutation found in <paramref name="file"/> (in order), the listed row it matches, or null. Two refutations
    /// on the same line with the same statement are matched with the listed rows in order of occurrence, so each keeps its
    /// own judgement; a listed row is matched at most once.
    /// </summary>
    internal static List<Row?> Match(IReadOnlyList<Row> listed, string file, IReadOnlyList<(int Line, string Statement)> found)
    {
        var used = new bool[listed.Count];
        var matches = new List<Row?>(found.Count);
        foreach (var (line, statement) in found)
        {
            var at = -1;
            for (var k = 0; k < listed.Count && at < 0; k++)
                if (!used[k] && listed[k].File == file && listed[k].Line == line && listed[k].Statement == statement) at = k;
            if (at >= 0) used[at] = true;
            matches.Add(at < 0 ? null : listed[at]);
        }
        return matches;
    }

    private static string ListPath(string collection) => Path.Combine(Root(), collection, "REFUTATIONS.tsv");

    private static List<Row> ReadList(string collection)
    {
        var path = ListPath(collection);
        if (!File.Exists(path)) return [];
        var rows = new List<Row>();
        foreach (var (line, number) in File.ReadAllLines(path, Encoding.UTF8).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            if (c.Length != 5) throw new FormatException($"{path}:{number}: expected 5 tab-separated cells, found {c.Length}");
            rows.Add(new Row(c[0], int.Parse(c[1], CultureInfo.InvariantCulture), c[2], c[3], c[4]));
        }
        return rows;
    }

    // The pins are what the deterministic rules decide, not how busy the machine was (as for tests/real).
    private static readonly VerifyOptions Options = new() { StepTimeout = TimeSpan.FromSeconds(60) };

    private static List<(int Line, string Statement, string Reason)> Refutations(string collection, string file) =>
        [.. DocumentVerifier.VerifyFile(Path.Combine(Root(), collection, file), Options).Steps
            .Where(s => s.Verdict.Kind == VerdictKind.Refuted)
            .Select(s => (s.Line, Statement(s.Lhs + " " + s.Relation + " " + s.Rhs), s.Verdict.Reason))];

    /// <summary>One line of text for a statement (a chain row may span source lines).</summary>
    private static string Statement(string text) => string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    [Theory]
    [MemberData(nameof(Files))]
    public void RefutationsAreExactlyTheJudgedOnes(string collection, string file)
    {
        var found = Refutations(collection, file);
        var listed = ReadList(collection).Where(r => r.File == file).ToList();
        var matches = Match(listed, file, [.. found.Select(f => (f.Line, f.Statement))]);
        var unexpected = found.Where((f, k) => matches[k] is null)
            .Select(f => $"{collection}/{file}:{f.Line}: refuted, not in REFUTATIONS.tsv (read it and judge it): {f.Statement} — {f.Reason}");
        var gone = listed.Where(r => !matches.Any(m => ReferenceEquals(m, r)))
            .Select(r => $"{collection}/{file}:{r.Line}: no longer refuted ({r.Judgement}), strike it from REFUTATIONS.tsv: {r.Statement}");
        var problems = unexpected.Concat(gone).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryCollectionNamesItsSourceAndEveryRefutationIsJudged()
    {
        foreach (var collection in Collections().Select(Path.GetFileName).Select(n => n!))
        {
            Assert.True(File.Exists(Path.Combine(Root(), collection, "SOURCE.json")), collection + ": no SOURCE.json");
            foreach (var r in ReadList(collection))
            {
                Assert.True(File.Exists(Path.Combine(Root(), collection, r.File)), $"{collection}: {r.File} is listed but not in the folder");
                Assert.True(Judgements.Contains(r.Judgement), $"{collection}/{r.File}:{r.Line}: judgement '{r.Judgement}' (read the proof and write genuine or false-alarm)");
                Assert.False(string.IsNullOrWhiteSpace(r.Why), $"{collection}/{r.File}:{r.Line}: no reason given for the judgement");
            }
        }
    }

    /// <summary>With SYMKL_UPDATE_UNSEEN=1: the lists rewritten from a fresh run, judgements kept, new rows unjudged.</summary>
    [Fact]
    public void UpdateTheListsWhenAsked()
    {
        if (Environment.GetEnvironmentVariable("SYMKL_UPDATE_UNSEEN") != "1") return;
        foreach (var collection in Collections().Select(Path.GetFileName).Select(n => n!))
        {
            var old = ReadList(collection);
            var text = new StringBuilder("# file\tline\tstatement\tjudgement (genuine | false-alarm)\twhy\n");
            var files = Directory.GetFiles(Path.Combine(Root(), collection), "*.md").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var found = Refutations(collection, file!);
                var matches = Match(old, file!, [.. found.Select(f => (f.Line, f.Statement))]);
                foreach (var ((line, statement, reason), kept) in found.Zip(matches, (f, m) => (f, m)))
                {
                    text.Append(CultureInfo.InvariantCulture, $"{file}\t{line}\t{statement}\t{kept?.Judgement ?? "unjudged"}\t{kept?.Why ?? "SymKl: " + Statement(reason)}\n");
                }
            }
            File.WriteAllText(ListPath(collection), text.ToString(), new UTF8Encoding(false));
        }
    }
}
