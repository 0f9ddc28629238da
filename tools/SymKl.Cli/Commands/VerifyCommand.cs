using System.CommandLine;
using System.Text;
using SymKl.Cli.Terminal;
using SymKl.Derivations.Input;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;

namespace SymKl.Cli.Commands;

/// <summary><c>symkl verify PATH... [--format text|json|sarif|github|html] [--strict] [--seed N] [--timeout S] [--verbose] [--output FILE] [--explain LINE] [--shard I/N]</c></summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Markdown files or folders (searched recursively for .md)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text, json, sarif, github or html", DefaultValueFactory = _ => "text" };
        var strict = new Option<bool>("--strict") { Description = "unsupported steps fail too (exit 1)" };
        var seed = new Option<int>("--seed") { Description = "seed of every random choice (sample points, Monte Carlo)", DefaultValueFactory = _ => 0x5EED };
        var verbose = new Option<bool>("--verbose") { Description = "the text report lists every step, not only the failing ones" };
        var output = new Option<string?>("--output") { Description = "write the report to this file instead of standard output" };
        var timeout = StepTimeout.CreateOption();
        var explain = new Option<int?>("--explain") { Description = "for one file: the role of each statement on this line, why, and the context in force there" };
        var shard = new Option<string?>("--shard") { Description = "check only the I-th of N slices of the files (1-based, by a hash of each file's relative path: the same on every machine), for a CI matrix; combine the reports with symkl merge" };
        var command = new Command("verify", "Check every equation chain of Markdown derivations, step by step.") { paths, format, strict, seed, timeout, verbose, output, explain, shard };
        command.SetAction(result =>
        {
            if (!StepTimeout.TryRead(result.GetValue(timeout), "symkl verify", out var limit)) return ExitCodes.BadInput;
            // --explain verifies with the same seed and step budget as the report, so the verdict it explains is the report's.
            if (result.GetValue(explain) is { } line) return Explain(result.GetValue(paths) ?? [], line, result.GetValue(seed), limit);
            var html = string.Equals(result.GetValue(format)?.Trim(), "html", StringComparison.OrdinalIgnoreCase);
            var fmt = html ? ReportFormat.Text : ReportWriter.ParseFormat(result.GetValue(format));
            if (fmt is null)
            {
                Console.Error.WriteLine("symkl verify: unknown --format '" + result.GetValue(format) + "' (expected text, json, sarif, github or html)");
                return ExitCodes.BadInput;
            }
            Shard? slice = null;
            if (result.GetValue(shard) is { } shardText)
            {
                if (!Shard.TryParse(shardText, out var parsed, out var shardError))
                {
                    Console.Error.WriteLine("symkl verify: " + shardError);
                    return ExitCodes.BadInput;
                }
                slice = parsed;
            }
            var outputPath = result.GetValue(output);
            // The output file is opened before any work, so that a bad --output costs no verification and no report.
            StreamWriter? file = null;
            if (outputPath is not null && !TryCreate(outputPath, out file)) return ExitCodes.BadInput;
            // Piped, the report goes out in blocks: Console.Out flushes every write, a system call per line of a JSON report.
            using var fileWriter = file ?? (Console.IsOutputRedirected ? BufferedStandardOutput() : null);
            var (report, errors) = Run(result.GetValue(paths) ?? [], new VerifyOptions { Seed = result.GetValue(seed), StepTimeout = limit }, slice);
            foreach (var e in errors) Console.Error.WriteLine("symkl verify: " + e.Message);
            var toTerminal = outputPath is null && !Console.IsOutputRedirected;
            var color = toTerminal && fmt == ReportFormat.Text && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            var options = new ReportOptions
            {
                Color = color,
                Strict = result.GetValue(strict),
                Verbose = result.GetValue(verbose),
                ToolVersion = typeof(VerifyCommand).Assembly.GetName().Version?.ToString(),
                // On a terminal the batch's table of documents is drawn (Spectre); piped or to a file it stays plain text.
                DocumentTable = toTerminal && fmt == ReportFormat.Text && !html ? (r, o) => DocumentTable.Write(r, o, color) : null,
            };
            if (html)
            {
                if (Reporting.Html.HtmlReportWriter.Write(report, fileWriter ?? Console.Out, outputPath, options.ToolVersion ?? "") is { } why)
                {
                    Console.Error.WriteLine("symkl verify: " + why);
                    return ExitCodes.BadInput;
                }
            }
            else ReportWriter.Write(report, fmt.Value, fileWriter ?? Console.Out, options);
            foreach (var d in report.Documents)
                if (d.Error is { } failure) Console.Error.WriteLine("symkl verify: " + d.Path + ": " + failure.Message);
            var exit = report.ExitCode(options.Strict);
            return exit == ExitCodes.InternalError ? exit : errors.Count > 0 ? ExitCodes.BadInput : exit;
        });
        return command;
    }

    /// <summary>
    /// The batch over every file under the paths, or over one shard's files (the walk's errors are reported either way),
    /// with a bar of documents done on standard error when it is a terminal and there are several documents.
    /// </summary>
    private static (VerificationReport Report, IReadOnlyList<WalkError> Errors) Run(string[] paths, VerifyOptions options, Shard? shard)
    {
        var walk = DocumentWalker.Expand(paths);
        var mine = shard is { } slice ? walk.Files.Where(f => slice.Contains(Shard.Normalise(BatchVerifier.DisplayPath(f, null)))).ToList() : walk.Files;
        if (mine.Count == 0) return (new VerificationReport([]), walk.Errors);
        var terminal = mine.Count > 1 ? TerminalProgress.InteractiveStandardError() : null;
        var (report, errors) = TerminalProgress.Documents(terminal, progress => BatchVerifier.Verify(mine, options, progress: progress));
        return (report, [.. walk.Errors, .. errors]);
    }

    /// <summary>Standard output in Console.Out's encoding (without a byte-order mark), flushed when disposed.</summary>
    private static StreamWriter BufferedStandardOutput()
    {
        var encoding = Console.OutputEncoding is UTF8Encoding ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Console.OutputEncoding;
        return new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16);
    }

    /// <summary>Opens the report file, or says why it cannot be written (missing folder, a folder, no permission).</summary>
    private static bool TryCreate(string path, out StreamWriter? writer)
    {
        writer = null;
        string? why = null;
        try
        {
            if (Directory.Exists(path)) why = "it is a folder";
            else writer = new StreamWriter(path);
        }
        catch (DirectoryNotFoundException) { why = "its folder does not exist"; }
        catch (UnauthorizedAccessException) { why = "permission denied"; }
        catch (IOException e) { why = e.Message; }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { why = "not a valid path"; }
        if (why is null) return true;
        Console.Error.WriteLine("symkl verify: cannot write the report to --output '" + path + "': " + why);
        return false;
    }

    private static int Explain(string[] paths, int line, int seed, TimeSpan? limit)
    {
        if (paths.Length != 1 || !File.Exists(paths[0]))
        {
            Console.Error.WriteLine("symkl verify: --explain needs exactly one Markdown file");
            return ExitCodes.BadInput;
        }
        var document = DocumentLoader.TryRead(paths[0], out var error);
        if (document is null)
        {
            Console.Error.WriteLine("symkl verify: " + error?.Message);
            return ExitCodes.BadInput;
        }
        var result = DocumentVerifier.Verify(document, new VerifyOptions { Seed = seed, ExplainLine = line, StepTimeout = limit });
        var text = Explainer.Explain(result, line);
        if (text is null)
        {
            Console.Error.WriteLine("symkl verify: no statement starts its right-hand side on line " + line + " of " + paths[0]);
            return ExitCodes.BadInput;
        }
        Console.Out.Write(text);
        return ExitCodes.Ok;
    }
}
