using System.Runtime.CompilerServices;

namespace SymKl.Derivations.Tests;

/// <summary>
/// The tab-separated tables in tests/data: one row per line, '#' lines and blank lines skipped, each row made from its
/// 1-based line number and its columns; a row with too few columns stops the tests with the file and line.
/// </summary>
public static class DataTable
{
    public static IReadOnlyList<TRow> Read<TRow>(string fileName, int columns, Func<int, string[], TRow> row, bool exactly = false)
    {
        var path = Path.Combine(Folder(), fileName);
        var rows = new List<TRow>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            if (exactly ? c.Length != columns : c.Length < columns)
                throw new InvalidDataException($"{fileName} line {i + 1}: expected {columns} columns, found {c.Length}");
            rows.Add(row(i + 1, c));
        }
        return rows;
    }

    /// <summary>tests/data, found from this file's place in the source tree.</summary>
    private static string Folder([CallerFilePath] string self = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(self)!, "..", "data"));

    /// <summary>A list cell: items separated by " ;; ".</summary>
    public static string[] List(string cell) => cell.Split(" ;; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The rows' line numbers as theory data (a failing row is named by its line).</summary>
    public static TheoryData<int> LineNumbers<TRow>(IEnumerable<TRow> rows, Func<TRow, int> line)
    {
        var data = new TheoryData<int>();
        foreach (var r in rows) data.Add(line(r));
        return data;
    }

    /// <summary>The (file, line) of every row of several tables as theory data.</summary>
    public static TheoryData<string, int> FileLines<TRow>(IEnumerable<string> files, Func<string, IEnumerable<TRow>> rows, Func<TRow, int> line)
    {
        var data = new TheoryData<string, int>();
        foreach (var file in files)
            foreach (var r in rows(file)) data.Add(file, line(r));
        return data;
    }

    /// <summary>One verdict against a row's expectation: holds (proved or confirmed), refuted, or unsupported.</summary>
    public static void AssertExpected(string expect, SymKl.Symbolic.Verdict verdict, string row, int line)
    {
        var summary = verdict.Kind + ": " + verdict.Reason;
        switch (expect)
        {
            case "holds":
                Assert.True(verdict.Holds, $"{row} should hold: {summary}");
                break;
            case "refuted":
                Assert.True(verdict.Kind == SymKl.Symbolic.VerdictKind.Refuted, $"{row} should be refuted: {summary}");
                break;
            case "unsupported":
                Assert.True(verdict.Kind == SymKl.Symbolic.VerdictKind.Unsupported, $"{row} should be unsupported: {summary}");
                break;
            default:
                throw new InvalidDataException($"line {line}: unknown expectation '{expect}'");
        }
    }
}
