using System.Text.Json;
using System.Text.Json.Nodes;
using SymKl.Cli.Commands;

namespace SymKl.Cli.Tests;

/// <summary>
/// <c>symkl verify --shard I/N</c> (every file in exactly one slice, the same slice on every machine) and
/// <c>symkl merge</c> (the shards' reports merge back into the whole run's; duplicates; bad input names the file).
/// </summary>
public sealed class ShardAndMergeTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("10/10", 10, 10)]
    public void ParsesIOfN(string text, int index, int count)
    {
        Assert.True(Shard.TryParse(text, out var shard, out _));
        Assert.Equal(new Shard(index, count), shard);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1/2/3")]
    [InlineData("a/b")]
    [InlineData("2")]
    [InlineData(" 1/2")]
    [InlineData("")]
    public void RejectsWhatIsNotIOfN(string text)
    {
        Assert.False(Shard.TryParse(text, out _, out var error));
        Assert.Contains("I/N", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPathIsInExactlyOneShard()
    {
        var paths = Enumerable.Range(0, 500).Select(i => "docs/section-" + (i % 7) + "/page-" + i + ".md").ToList();
        foreach (var n in new[] { 1, 2, 3, 8 })
        {
            var counts = new int[n];
            foreach (var path in paths)
            {
                var owners = Enumerable.Range(1, n).Where(i => new Shard(i, n).Contains(path)).ToList();
                Assert.Single(owners);
                counts[owners[0] - 1]++;
            }
            // A hash spreads files roughly evenly: no slice gets less than half its share.
            Assert.All(counts, c => Assert.True(c > paths.Count / n / 2, n + " shards: " + string.Join(",", counts)));
        }
    }

    [Fact]
    public void TheSliceOfAPathIsFixedByItsTextAlone()
    {
        // FNV-1a 64 of the UTF-8 text, a fixed function: these values hold on every machine and in every process.
        Assert.Equal(0xcbf29ce484222325UL, Shard.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Shard.Hash("a"));
        Assert.Equal(Shard.Hash("docs/kl.md"), Shard.Hash(Shard.Normalise("./docs\\kl.md")));
        Assert.Equal("docs/kl.md", Shard.Normalise("././docs/kl.md"));
    }

    [Fact]
    public void ShardReportsMergeBackIntoTheWholeRun()
    {
        var folder = Path.Combine(Path.GetTempPath(), "symkl-shard-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "sub"));
            for (var i = 0; i < 9; i++)
                File.WriteAllText(Path.Combine(folder, i % 2 == 0 ? "sub" : ".", "doc" + i + ".md"),
                    "# Doc " + i + "\n\n$$\n(a + " + i + ")^2 = a^2 + " + (2 * i) + "a + " + (i * i + (i == 4 ? 1 : 0)) + "\n$$\n");
            var whole = CliRunner.Run("verify", folder, "--format", "json");
            Assert.Equal(1, whole.ExitCode); // doc4 is wrong
            var shards = new List<string>();
            var seen = new List<string>();
            for (var i = 1; i <= 3; i++)
            {
                var r = CliRunner.Run("verify", folder, "--format", "json", "--shard", i + "/3");
                Assert.True(r.ExitCode is 0 or 1, r.Stderr);
                var file = Path.Combine(folder, "shard" + i + ".json");
                File.WriteAllText(file, r.Stdout);
                shards.Add(file);
                seen.AddRange(Paths(r.Stdout));
            }
            Assert.Equal(Paths(whole.Stdout).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal)); // each file exactly once

            var merged = CliRunner.Run(["merge", .. shards]);
            Assert.True(merged.ExitCode == 0, merged.Stderr);
            Assert.True(JsonNode.DeepEquals(ByPath(whole.Stdout), ByPath(merged.Stdout)), merged.Stdout);

            var sarif = new List<string>();
            for (var i = 1; i <= 2; i++)
            {
                var r = CliRunner.Run("verify", folder, "--format", "sarif", "--shard", i + "/2");
                var file = Path.Combine(folder, "shard" + i + ".sarif");
                File.WriteAllText(file, r.Stdout);
                sarif.Add(file);
            }
            var mergedSarif = JsonNode.Parse(CliRunner.Run(["merge", .. sarif]).Stdout)!;
            var results = mergedSarif["runs"]![0]!["results"]!.AsArray();
            var refuted = Assert.Single(results, r => r!["ruleId"]!.GetValue<string>() == "SK001");
            Assert.EndsWith("sub/doc4.md", refuted!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
            var rules = mergedSarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
            Assert.Equal("SK001", rules[refuted["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void ABadShardIsBadUsage()
    {
        var r = CliRunner.Run("verify", "README.md", "--shard", "5/4");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--shard '5/4'", r.Stderr, StringComparison.Ordinal);
    }

    private const string A = """{"version":1,"documents":[{"path":"a.md","steps":[{"line":3,"verdict":"proved"}],"summary":{"proved":1}}]}""";
    private const string B = """{"version":1,"documents":[{"path":"b.md","steps":[],"summary":{"proved":0}}]}""";
    private const string AChanged = """{"version":1,"documents":[{"path":"a.md","steps":[{"line":3,"verdict":"refuted"}],"summary":{"refuted":1}}]}""";

    [Fact]
    public void MergesDocumentsInInputOrderAndKeepsAnIdenticalRepeatOnce()
    {
        var (kind, merged) = ReportMerger.Merge([new("a.json", A), new("b.json", B), new("again.json", A)]);
        Assert.Equal(ReportMerger.Kind.Json, kind);
        var docs = JsonNode.Parse(merged)!["documents"]!.AsArray();
        Assert.Equal(["a.md", "b.md"], docs.Select(d => d!["path"]!.GetValue<string>()));
        Assert.Equal(1, JsonNode.Parse(merged)!["version"]!.GetValue<int>());
        // Merging a merged report again changes nothing.
        Assert.Equal(merged, ReportMerger.Merge([new("merged.json", merged), new("a.json", A)]).Merged);
    }

    [Theory]
    [InlineData(AChanged, "second.json: 'a.md' is also in first.json, with a different result")]
    [InlineData("{\"version\":1,\"documents\":", "second.json: not JSON")]
    [InlineData("[1, 2]", "second.json: not a symkl report")]
    [InlineData("{\"documents\":[]}", "second.json: not a symkl report (no \"version\"")]
    [InlineData("{\"version\":2,\"documents\":[]}", "second.json: JSON report version 2 is not supported")]
    [InlineData("{\"version\":1,\"documents\":{}}", "second.json: \"documents\" must be an array")]
    [InlineData("{\"version\":1,\"documents\":[{\"steps\":[]}]}", "second.json: documents[0] must be an object with a \"path\"")]
    [InlineData("{\"$schema\":\"x\",\"version\":\"2.1.0\",\"runs\":[]}", "second.json: a SARIF report, but first.json is a JSON report")]
    [InlineData("{\"version\":\"2.0.0\",\"runs\":[]}", "second.json: a SARIF report must have \"version\": \"2.1.0\"")]
    public void BadInputIsAnErrorNamingTheFile(string second, string expected)
    {
        var e = Assert.Throws<ReportMerger.MergeException>(() => ReportMerger.Merge([new("first.json", A), new("second.json", second)]));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SarifFromAnotherToolIsRefused()
    {
        const string other = """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"eslint"}},"results":[]}]}""";
        var e = Assert.Throws<ReportMerger.MergeException>(() => ReportMerger.Merge([new("lint.sarif", other)]));
        Assert.Equal("lint.sarif: runs[0] is from 'eslint', not SymKl", e.Message);
    }

    [Fact]
    public void MergeCommandNamesAMissingFileAndExitsTwo()
    {
        var r = CliRunner.Run("merge", "README.md");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("README.md: not JSON", r.Stderr, StringComparison.Ordinal);
        var missing = CliRunner.Run("merge", "no-such-report.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read 'no-such-report.json': it does not exist", missing.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Paths(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("path").GetString()!);

    /// <summary>The documents of a JSON report keyed by path (the order of a sharded run differs).</summary>
    private static JsonObject ByPath(string json)
    {
        var result = new JsonObject();
        foreach (var d in JsonNode.Parse(json)!["documents"]!.AsArray().OrderBy(d => d!["path"]!.GetValue<string>(), StringComparer.Ordinal))
            result[d!["path"]!.GetValue<string>()] = d.DeepClone();
        return result;
    }
}
