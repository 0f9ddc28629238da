using System.CommandLine;

namespace SymKl.Cli.Commands;

/// <summary><c>symkl merge REPORT... [--output FILE]</c>: one JSON or SARIF report from several (the shards of a CI matrix).</summary>
internal static class MergeCommand
{
    /// <summary>Reports of a very large documentation tree stay far below this; anything bigger is not a symkl report.</summary>
    private const long MaxBytes = 512L << 20;

    public static Command Create()
    {
        var reports = new Argument<string[]>("report") { Description = "reports of symkl verify --format json, or all --format sarif", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output") { Description = "write the merged report to this file instead of standard output" };
        var command = new Command("merge", "Combine the JSON or SARIF reports of several symkl verify runs (e.g. --shard jobs) into one.") { reports, output };
        command.SetAction(result =>
        {
            var inputs = new List<ReportMerger.Input>();
            foreach (var path in result.GetValue(reports) ?? [])
            {
                string? why = null;
                try
                {
                    if (Directory.Exists(path)) why = "it is a folder";
                    else if (!File.Exists(path)) why = "it does not exist";
                    else if (new FileInfo(path).Length > MaxBytes) why = "it is larger than 512 MiB";
                    else inputs.Add(new ReportMerger.Input(path, File.ReadAllText(path)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { why = e.Message; }
                if (why is not null)
                {
                    Console.Error.WriteLine("symkl merge: cannot read '" + path + "': " + why);
                    return ExitCodes.BadInput;
                }
            }
            string merged;
            try
            {
                merged = ReportMerger.Merge(inputs).Merged;
            }
            catch (ReportMerger.MergeException e)
            {
                Console.Error.WriteLine("symkl merge: " + e.Message);
                return ExitCodes.BadInput;
            }
            if (result.GetValue(output) is { } file)
            {
                try { File.WriteAllText(file, merged); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    Console.Error.WriteLine("symkl merge: cannot write '" + file + "': " + e.Message);
                    return ExitCodes.BadInput;
                }
            }
            else Console.Out.Write(merged);
            return ExitCodes.Ok;
        });
        return command;
    }
}
