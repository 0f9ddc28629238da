using System.Text.Json;
using System.Text.Json.Nodes;

namespace SymKl.Cli.Commands;

/// <summary>
/// Combines reports of <c>symkl verify --format json</c> (or <c>sarif</c>), typically one per shard of a CI matrix,
/// into one report of the same format. Every input is validated first; an error names the file and what is wrong.
/// A document reported by two inputs is kept once when both reports of it are identical (merging a merged report
/// again changes nothing) and is an error otherwise (two shards disagree, or the same files were checked twice
/// with different settings). Documents keep the order of the inputs, then their order inside each input.
/// </summary>
internal static class ReportMerger
{
    public enum Kind { Json, Sarif }

    public sealed class MergeException(string message) : Exception(message);

    public sealed record Input(string Name, string Text);

    public static (Kind Kind, string Merged) Merge(IReadOnlyList<Input> inputs)
    {
        if (inputs.Count == 0) throw new MergeException("no reports to merge");
        var parsed = inputs.Select(i => (i.Name, Root: Parse(i))).ToList();
        var kinds = parsed.Select(p => (p.Name, Kind: KindOf(p.Name, p.Root))).ToList();
        var first = kinds[0];
        foreach (var k in kinds.Where(k => k.Kind != first.Kind))
            throw new MergeException($"{k.Name}: a {Describe(k.Kind)} report, but {first.Name} is a {Describe(first.Kind)} report (merge reports of one format)");
        var merged = first.Kind == Kind.Json ? MergeJson(parsed) : MergeSarif(parsed);
        return (first.Kind, merged.ToJsonString() + "\n");
    }

    private static string Describe(Kind kind) => kind == Kind.Json ? "JSON" : "SARIF";

    private static JsonObject Parse(Input input)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(input.Text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new MergeException($"{input.Name}: not JSON (line {(e.LineNumber ?? 0) + 1}: {FirstSentence(e.Message)})");
        }
        return node as JsonObject ?? throw new MergeException($"{input.Name}: not a symkl report (expected a JSON object)");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end) : message.TrimEnd('.');
    }

    private static Kind KindOf(string name, JsonObject root)
    {
        if (root["runs"] is not null || root["$schema"] is not null)
        {
            if (root["version"] is not JsonValue v || !v.TryGetValue<string>(out var version) || version != "2.1.0")
                throw new MergeException($"{name}: a SARIF report must have \"version\": \"2.1.0\"");
            return Kind.Sarif;
        }
        if (root["version"] is not JsonValue jv || !jv.TryGetValue<int>(out var number))
            throw new MergeException($"{name}: not a symkl report (no \"version\"; expected the output of symkl verify --format json or sarif)");
        if (number != 1) throw new MergeException($"{name}: JSON report version {number} is not supported (expected 1)");
        return Kind.Json;
    }

    private static JsonObject MergeJson(List<(string Name, JsonObject Root)> inputs)
    {
        var documents = new JsonArray();
        var seen = new Dictionary<string, (string From, JsonNode Node)>(StringComparer.Ordinal);
        foreach (var (name, root) in inputs)
        {
            if (root["documents"] is not JsonArray docs) throw new MergeException($"{name}: \"documents\" must be an array");
            for (var i = 0; i < docs.Count; i++)
            {
                if (docs[i] is not JsonObject doc || doc["path"] is not JsonValue pv || !pv.TryGetValue<string>(out var path) || doc["steps"] is not JsonArray)
                    throw new MergeException($"{name}: documents[{i}] must be an object with a \"path\" string and a \"steps\" array");
                if (Keep(seen, name, path, doc)) documents.Add(doc.DeepClone());
            }
        }
        return new JsonObject { ["version"] = 1, ["documents"] = documents };
    }

    private static JsonObject MergeSarif(List<(string Name, JsonObject Root)> inputs)
    {
        JsonObject? tool = null;
        string? toolFrom = null;
        var results = new JsonArray();
        var seen = new Dictionary<string, (string From, JsonNode Node)>(StringComparer.Ordinal);
        foreach (var (name, root) in inputs)
        {
            if (root["runs"] is not JsonArray runs || runs.Count == 0) throw new MergeException($"{name}: \"runs\" must be a non-empty array");
            // The results of one input, grouped by file, so that a file two inputs both report is compared as a whole.
            var byFile = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
            var order = new List<string>();
            for (var r = 0; r < runs.Count; r++)
            {
                if (runs[r] is not JsonObject run || run["tool"]?["driver"] is not JsonObject driver || driver["name"]?.GetValueKind() != JsonValueKind.String)
                    throw new MergeException($"{name}: runs[{r}] must have tool.driver.name");
                if (driver["name"]!.GetValue<string>() != "SymKl")
                    throw new MergeException($"{name}: runs[{r}] is from '{driver["name"]!.GetValue<string>()}', not SymKl");
                if (tool is null) { tool = (JsonObject)run["tool"]!; toolFrom = name; }
                if (run["results"] is not JsonArray rs) throw new MergeException($"{name}: runs[{r}].results must be an array");
                for (var i = 0; i < rs.Count; i++)
                {
                    var uri = rs[i]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"];
                    if (rs[i] is not JsonObject result || result["ruleId"]?.GetValueKind() != JsonValueKind.String || uri?.GetValueKind() != JsonValueKind.String)
                        throw new MergeException($"{name}: runs[{r}].results[{i}] must have a ruleId and a location's artifact uri");
                    var file = uri.GetValue<string>();
                    if (!byFile.TryGetValue(file, out var list)) { byFile[file] = list = []; order.Add(file); }
                    list.Add(result.DeepClone());
                }
            }
            foreach (var file in order)
                if (Keep(seen, name, file, byFile[file]))
                    foreach (var result in byFile[file]) results.Add(result!.DeepClone());
        }
        // Rules: the union of every input's rules (each input lists those its results use), and each result's index into it.
        var rules = new List<JsonObject>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, root) in inputs)
            foreach (var run in (JsonArray)root["runs"]!)
                if (run!["tool"]!["driver"]!["rules"] is JsonArray rs)
                    foreach (var rule in rs)
                        if (rule?["id"]?.GetValueKind() == JsonValueKind.String && !index.ContainsKey(rule["id"]!.GetValue<string>()))
                        {
                            index[rule["id"]!.GetValue<string>()] = -1;
                            rules.Add((JsonObject)rule.DeepClone());
                        }
        rules.Sort((a, b) => string.CompareOrdinal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>()));
        for (var i = 0; i < rules.Count; i++) index[rules[i]["id"]!.GetValue<string>()] = i;
        foreach (var result in results)
        {
            var id = result!["ruleId"]!.GetValue<string>();
            if (!index.TryGetValue(id, out var at)) throw new MergeException($"rule {id} is used by a result but no input ({toolFrom} and the others) describes it");
            result["ruleIndex"] = at;
        }
        var mergedDriver = (JsonObject)tool!["driver"]!.DeepClone();
        mergedDriver["rules"] = new JsonArray([.. rules]);
        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject { ["tool"] = new JsonObject { ["driver"] = mergedDriver }, ["results"] = results, ["columnKind"] = "utf16CodeUnits" }),
        };
    }

    /// <summary>True the first time a document is seen; false for an identical repeat; an error for a different one.</summary>
    private static bool Keep(Dictionary<string, (string From, JsonNode Node)> seen, string name, string path, JsonNode node)
    {
        if (!seen.TryGetValue(path, out var earlier))
        {
            seen[path] = (name, node);
            return true;
        }
        if (JsonNode.DeepEquals(earlier.Node, node)) return false;
        throw new MergeException($"{name}: '{path}' is also in {earlier.From}, with a different result (were the same files checked twice with different settings or versions?)");
    }
}
