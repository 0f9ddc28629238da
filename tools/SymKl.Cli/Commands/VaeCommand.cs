using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;
using SymKl.Cli.Terminal;
using SymKl.Vae;
using SymKl.Vae.Data;
using SymKl.Vae.Imaging;
using SymKl.Vae.Plots;
using SymKl.Vae.Regularizers;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>symkl vae train|sample|encode|compare</c>: the seed's VAE on Fashion-MNIST.
/// Exit codes: 0 success, 1 training diverged (the last good checkpoint is kept), 2 bad usage or
/// unreadable input, 3 internal error, 130 stopped by Ctrl+C (checkpoint saved; <c>--resume</c> goes on).
/// Every failure is a message on stderr, never a stack trace.
/// </summary>
internal static class VaeCommand
{
    private const int Ok = 0;
    private const int Diverged = 1;
    private const int BadInput = 2;
    private const int InternalError = 3;
    private const int Interrupted = 130;

    public static Command Create()
    {
        var vae = new Command("vae", "Train and use the seed's variational autoencoder (MLP, 2-D latent space) on Fashion-MNIST.");
        vae.Subcommands.Add(CreateTrain());
        vae.Subcommands.Add(CreateCompare());
        vae.Subcommands.Add(CreateSample());
        vae.Subcommands.Add(CreateEncode());
        return vae;
    }

    // ------------------------------------------------------------------ options shared by train and compare

    private sealed class TrainingOptions
    {
        public Option<string?> Data { get; } = new("--data") { Description = "Folder with the Fashion-MNIST *-ubyte(.gz) files (default: the dataset-fashion-mnist package's folder)." };

        public Option<string> Out { get; } = new("--out") { Description = "Output folder (metrics.json, model.ckpt, PNG pictures).", DefaultValueFactory = _ => "vae-out" };

        public Option<int> Epochs { get; } = new("--epochs") { Description = "Total number of epochs.", DefaultValueFactory = _ => 10 };

        public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Images per Adam step.", DefaultValueFactory = _ => 128 };

        public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-4 };

        public Option<string> Hidden { get; } = new("--hidden") { Description = "Encoder hidden widths, comma-separated (the decoder mirrors them).", DefaultValueFactory = _ => "100,100" };

        public Option<int> Latent { get; } = new("--latent") { Description = "Latent dimensions.", DefaultValueFactory = _ => 2 };

        public Option<string> Activation { get; } = new("--activation") { Description = "Hidden activation: relu, tanh, sigmoid or elu.", DefaultValueFactory = _ => "relu" };

        public Option<string> Regularizer { get; } = new("--regularizer") { Description = "Latent regulariser: kl, none or euclidean.", DefaultValueFactory = _ => "kl" };

        public Option<float> Beta { get; } = new("--beta") { Description = "Weight of the regulariser.", DefaultValueFactory = _ => 1f };

        public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of initialisation, shuffling and noise.", DefaultValueFactory = _ => 0UL };

        public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from OUT/model.ckpt (which must exist) until --epochs epochs are done." };

        public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (default: all cores). Results are reproducible for a given seed and thread count.", DefaultValueFactory = _ => 0 };

        public Option<int?> Limit { get; } = new("--limit") { Description = "Train on the first N training images only (quick runs)." };

        public Option<bool> NoPictures { get; } = new("--no-pictures") { Description = "Skip the PNG pictures." };

        public void AddTo(Command command, bool withRegularizer)
        {
            foreach (var option in new Option[] { Data, Out, Epochs, BatchSize, LearningRate, Hidden, Latent, Activation })
            {
                command.Options.Add(option);
            }

            if (withRegularizer)
            {
                command.Options.Add(Regularizer);
            }

            foreach (var option in new Option[] { Beta, Seed, Resume, Threads, Limit, NoPictures })
            {
                command.Options.Add(option);
            }
        }

        public VaeRunOptions Read(ParseResult parse, string? outputOverride = null, RegularizerKind? regularizer = null)
        {
            var hidden = ParseHidden(parse.GetValue(Hidden) ?? string.Empty);
            if (!Enum.TryParse<SymKl.Vae.Activation>(parse.GetValue(Activation), ignoreCase: true, out var activation) || !Enum.IsDefined(activation) || int.TryParse(parse.GetValue(Activation), out _))
            {
                throw new UsageException($"Unknown activation '{parse.GetValue(Activation)}': use relu, tanh, sigmoid or elu.");
            }

            RegularizerKind kind;
            if (regularizer is { } fixedKind)
            {
                kind = fixedKind;
            }
            else if (!VaeRegularizers.TryParse(parse.GetValue(Regularizer) ?? string.Empty, out kind))
            {
                throw new UsageException($"Unknown regularizer '{parse.GetValue(Regularizer)}': use kl, none or euclidean.");
            }

            var epochs = parse.GetValue(Epochs);
            if (epochs < 1)
            {
                throw new UsageException("--epochs must be at least 1.");
            }

            var threads = parse.GetValue(Threads);
            if (threads < 0 || threads > 256)
            {
                throw new UsageException("--threads must be between 0 (all cores) and 256.");
            }

            var limit = parse.GetValue(Limit);
            if (limit is < 1)
            {
                throw new UsageException("--limit must be at least 1.");
            }

            var config = new VaeConfig
            {
                Hidden = hidden,
                Latent = parse.GetValue(Latent),
                Activation = activation,
                Regularizer = kind,
                Beta = parse.GetValue(Beta),
                LearningRate = parse.GetValue(LearningRate),
                BatchSize = parse.GetValue(BatchSize),
                Seed = parse.GetValue(Seed),
            };
            try
            {
                config.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            return new VaeRunOptions
            {
                DataFolder = OptionalPath(parse, Data),
                OutputFolder = outputOverride ?? RequiredPath(parse, Out),
                Epochs = epochs,
                Config = config,
                Threads = threads,
                Resume = parse.GetValue(Resume),
                TrainLimit = limit,
                Pictures = !parse.GetValue(NoPictures),
            };
        }
    }

    private static int[] ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new UsageException($"--hidden expects comma-separated positive integers such as 100,100; got '{text}'.");
            }
        }

        if (sizes.Length == 0)
        {
            throw new UsageException("--hidden needs at least one width, such as 100,100.");
        }

        return sizes;
    }

    /// <summary>A path option's value; an empty or blank one is a usage error naming the option.</summary>
    private static string RequiredPath(ParseResult parse, Option<string> option) =>
        CheckPath(option.Name, parse.GetValue(option)) ?? throw new UsageException($"{option.Name} needs a path.");

    private static string? OptionalPath(ParseResult parse, Option<string?> option) => CheckPath(option.Name, parse.GetValue(option));

    private static string? CheckPath(string option, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"{option} needs a path, not an empty string.");
        }

        return value;
    }

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>
    /// Runs an action, turning failures into a message: bad input exit 2, a diverged training run 1,
    /// anything unexpected 3 (its message only: a user has no use for a stack trace).
    /// </summary>
    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is UsageException or DataFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"symkl vae: {ex.Message}");
            return BadInput;
        }
        catch (TrainingDivergedException ex)
        {
            Console.Error.WriteLine($"symkl vae: {ex.Message} Train again with a smaller learning rate (--lr).");
            return Diverged;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"symkl vae: internal error: {ex.Message}");
            return InternalError;
        }
    }

    /// <summary>
    /// Ctrl+C (SIGINT) or SIGTERM asks training to stop at the next batch boundary and save; a second
    /// Ctrl+C ends the process at once.
    /// </summary>
    private sealed class StopRequest : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration? _terminate;

        public StopRequest()
        {
            Console.CancelKeyPress += OnCancelKeyPress;
            if (!OperatingSystem.IsWindows())
            {
                _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    Request();
                });
            }
        }

        public CancellationToken Token => _source.Token;

        private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            if (_source.IsCancellationRequested)
            {
                return; // the second one: let the process end
            }

            e.Cancel = true;
            Request();
        }

        private void Request()
        {
            if (!_source.IsCancellationRequested)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine("symkl vae: stopping after the current batch to save a checkpoint (Ctrl+C again quits without saving).");
                _source.Cancel();
            }
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            _terminate?.Dispose();
            _source.Dispose();
        }
    }

    /// <summary>Says where training stopped and the command that continues it.</summary>
    private static int ReportInterruption(TrainingInterruption stop, string resumeCommand)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopped in epoch {stop.Epoch} after batch {stop.BatchesDone} of {stop.Batches}; saved {stop.Checkpoint}."));
        Console.WriteLine($"Resume with: {resumeCommand}");
        return Interrupted;
    }

    private static string ResumeCommand(string subcommand, ParseResult parse, TrainingOptions options, string output)
    {
        var words = new List<string> { "symkl", "vae", subcommand, "--resume", "--out", Quote(output), "--epochs", parse.GetValue(options.Epochs).ToString(CultureInfo.InvariantCulture) };
        if (parse.GetValue(options.Data) is { } data)
        {
            words.AddRange(["--data", Quote(data)]);
        }

        if (parse.GetValue(options.Limit) is { } limit)
        {
            words.AddRange(["--limit", limit.ToString(CultureInfo.InvariantCulture)]);
        }

        if (parse.GetValue(options.Threads) is > 0 and var threads)
        {
            words.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        }

        return string.Join(' ', words);
    }

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;

    // ------------------------------------------------------------------ train

    private static Command CreateTrain()
    {
        var command = new Command("train", "Train the VAE; writes metrics.json, model.ckpt and PNG pictures to --out.");
        var options = new TrainingOptions();
        options.AddTo(command, withRegularizer: true);
        command.SetAction(parse => Guard(() =>
        {
            using var stop = new StopRequest();
            var run = options.Read(parse);
            var checkpoint = Path.Combine(run.OutputFolder, VaeExperiment.CheckpointName);
            if (run.Resume && !File.Exists(checkpoint))
            {
                throw new UsageException($"--resume: there is no checkpoint at '{checkpoint}' to resume from; leave out --resume to start a new run.");
            }

            var (train, test) = FashionMnist.Load(run.DataFolder);
            if (run.Resume)
            {
                Console.WriteLine($"Resuming from {checkpoint} (its configuration and state; the architecture options are ignored) up to epoch {run.Epochs}.");
            }
            else
            {
                // A new model takes its image size from the data.
                run = run with { Config = run.Config with { ImageRows = train.Rows, ImageColumns = train.Columns } };
                Console.WriteLine($"Training {run.Config.Describe()} on {(run.TrainLimit is { } l ? Math.Min(l, train.Count) : train.Count)} images, testing on {test.Count}.");
            }

            var summary = RunTraining(run, train, test, stop.Token);
            if (summary.Interrupted is { } interrupted)
            {
                return ReportInterruption(interrupted, ResumeCommand("train", parse, options, run.OutputFolder));
            }

            PrintSummary(summary, run.Pictures);
            return Ok;
        }));
        return command;
    }

    private static VaeRunSummary RunTraining(VaeRunOptions run, ImageDataset train, ImageDataset test, CancellationToken cancellation)
    {
        var terminal = TerminalProgress.InteractiveStandardError();
        if (terminal is null)
        {
            // Redirected standard error (CI, logs): no live bar, only the line per epoch on standard output.
            var plain = new EpochLines(run.Epochs, Console.Out);
            return VaeExperiment.Train(run, train, test, _ => { }, plain.EpochDone, cancellation);
        }

        // Epoch lines written during the live display go through its console (above the bar) unless standard output
        // is redirected, so that a terminal shows both without one overwriting the other.
        return TerminalProgress.Track(terminal, update =>
        {
            var lines = new EpochLines(run.Epochs, Console.IsOutputRedirected ? Console.Out : new ConsoleLineWriter(terminal));
            return VaeExperiment.Train(run, train, test, p => update(EpochLines.Describe(p, run.Epochs), p.Batch, p.Batches), lines.EpochDone, cancellation);
        });
    }

    private static void PrintSummary(VaeRunSummary s, bool pictures)
    {
        var inv = CultureInfo.InvariantCulture;
        var ranges = string.Join(", ", s.LatentMin.Select((min, d) => string.Create(inv, $"z{d + 1} [{min:0.00}, {s.LatentMax[d]:0.00}]")));
        Console.WriteLine($"Latent range of the test set's μ: {ranges}");
        Console.WriteLine(string.Create(inv, $"Test KL {s.TestKl:0.00}, negative ELBO (BCE + KL) {s.TestNegativeElbo:0.00} nats per image."));
        var c = s.Compression;
        Console.WriteLine(string.Create(inv, $"Compression of {c.Images} training images: {CompressionFigures.MiB(c.ImageBytesFloat64)} as float64 ({CompressionFigures.MiB(c.ImageBytesUInt8)} as bytes) → {CompressionFigures.MiB(c.LatentBytesFloat32)} of float32 codes ({c.RatioFloat64:0}× / {c.RatioUInt8:0}×)."));
        Console.WriteLine(string.Create(inv, $"Peak working set: {s.PeakWorkingSetBytes / (1024.0 * 1024.0):0} MiB. Wrote {Path.Combine(s.OutputFolder, VaeExperiment.MetricsName)}, {VaeExperiment.CheckpointName}{(pictures ? " and pictures" : "")}."));
    }

    /// <summary>One line per epoch (train and test loss, time); the live bar's text for a batch.</summary>
    private sealed class EpochLines(int epochs, TextWriter output)
    {
        public static string Describe(BatchProgress p, int epochs) =>
            string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:0.00} {p.ImagesPerSecond:0} img/s");

        public void EpochDone(EpochMetrics m) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch,3}/{epochs}  train {m.TrainLoss:0.00}  test {m.TestLoss:0.00} (BCE {m.TestReconstruction:0.00} + reg {m.TestRegularizer:0.00})  {m.Seconds:0.000} s"));
    }

    /// <summary>Whole lines to a Spectre console (as plain text, not markup), so that they appear above its live display.</summary>
    private sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");

        public override void Write(char value) => console.Write(value.ToString());
    }

    // ------------------------------------------------------------------ compare

    private static Command CreateCompare()
    {
        var command = new Command("compare", "The seed's comparison: train with kl, none and euclidean regularisers (same seed and settings) into OUT/<regularizer>/ and write OUT/comparison.md.");
        var options = new TrainingOptions();
        options.AddTo(command, withRegularizer: false);
        command.SetAction(parse => Guard(() =>
        {
            using var stop = new StopRequest();
            var first = options.Read(parse, regularizer: RegularizerKind.Kl);
            var kinds = new[] { RegularizerKind.Kl, RegularizerKind.None, RegularizerKind.Euclidean };
            string Checkpoint(RegularizerKind kind) => Path.Combine(first.OutputFolder, kind.ToName(), VaeExperiment.CheckpointName);
            if (first.Resume && !kinds.Any(k => File.Exists(Checkpoint(k))))
            {
                throw new UsageException($"--resume: there is no checkpoint under '{first.OutputFolder}' (such as '{Checkpoint(RegularizerKind.Kl)}') to resume from; leave out --resume to start a new comparison.");
            }

            var (train, test) = FashionMnist.Load(first.DataFolder);
            var runs = new List<VaeRunSummary>();
            foreach (var kind in kinds)
            {
                var run = options.Read(parse, Path.Combine(first.OutputFolder, kind.ToName()), kind);

                // Resuming a comparison continues the runs that have a checkpoint and starts the others.
                run = run with
                {
                    Resume = run.Resume && File.Exists(Checkpoint(kind)),
                    Config = run.Config with { ImageRows = train.Rows, ImageColumns = train.Columns },
                };
                Console.WriteLine($"== {kind.ToName()}: {run.Config.Describe()}");
                var summary = RunTraining(run, train, test, stop.Token);
                if (summary.Interrupted is { } interrupted)
                {
                    return ReportInterruption(interrupted, ResumeCommand("compare", parse, options, first.OutputFolder));
                }

                PrintSummary(summary, run.Pictures);
                runs.Add(summary);
            }

            var markdown = VaeExperiment.ComparisonMarkdown(runs);
            var compression = runs[0].Compression;
            var text = new StringBuilder()
                .AppendLine("# VAE regulariser comparison")
                .AppendLine()
                .AppendLine(markdown)
                .AppendLine(string.Create(CultureInfo.InvariantCulture, $"Compression: {compression.Images} training images are {CompressionFigures.MiB(compression.ImageBytesFloat64)} as float64, {CompressionFigures.MiB(compression.ImageBytesUInt8)} as bytes; their {runs[0].Config.Latent}-D float32 codes are {CompressionFigures.MiB(compression.LatentBytesFloat32)}."))
                .ToString();
            File.WriteAllText(Path.Combine(first.OutputFolder, "comparison.md"), text);
            Console.WriteLine();
            Console.Write(markdown);
            return Ok;
        }));
        return command;
    }

    // ------------------------------------------------------------------ sample

    private static Option<string> ModelOption() => new("--model") { Description = "A checkpoint (model.ckpt) or the --out folder of a training run.", Required = true };

    private static VariationalAutoencoder LoadModel(ParseResult parse, Option<string> model, int threads)
    {
        var path = RequiredPath(parse, model);
        var file = Directory.Exists(path) ? Path.Combine(path, VaeExperiment.CheckpointName) : path;
        if (!File.Exists(file))
        {
            throw new DataFileException($"No checkpoint at '{file}': train one with 'symkl vae train --out DIR'.");
        }

        return VariationalAutoencoder.Load(file, threads);
    }

    private static Command CreateSample()
    {
        var command = new Command("sample", "Decode codes drawn from the prior N(0, I) (or a grid over the latent plane) into a PNG grid of images.");
        var model = ModelOption();
        var count = new Option<int>("--count") { Description = "Number of images.", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the prior samples.", DefaultValueFactory = _ => 1UL };
        var output = new Option<string>("--out") { Description = "PNG file to write.", DefaultValueFactory = _ => "samples.png" };
        var grid = new Option<bool>("--grid") { Description = "Decode a regular grid over [-extent, extent]² of the first two latent dimensions instead." };
        var extent = new Option<float>("--extent") { Description = "Half-width of the --grid.", DefaultValueFactory = _ => 3f };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => 0 };
        foreach (var option in new Option[] { model, count, seed, output, grid, extent, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Guard(() =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000)
            {
                throw new UsageException("--count must be between 1 and 10000.");
            }

            var path = RequiredPath(parse, output);
            using var vae = LoadModel(parse, model, parse.GetValue(threads));
            if (parse.GetValue(grid))
            {
                var side = Math.Max(1, (int)Math.Round(Math.Sqrt(n)));
                var images = vae.Decode(VaePlots.LatentGridCodes(vae.Config.Latent, side, parse.GetValue(extent)));
                PngWriter.WriteImageGrid(path, images, vae.Config.ImageRows, vae.Config.ImageColumns, side, scale: 2);
            }
            else
            {
                VaeExperiment.WriteSamples(vae, path, n, parse.GetValue(seed));
            }

            Console.WriteLine($"Wrote {path}.");
            return Ok;
        }));
        return command;
    }

    // ------------------------------------------------------------------ encode

    private static Command CreateEncode()
    {
        var command = new Command("encode", "Encode a Fashion-MNIST split with a saved model: a CSV of μ and log σ² per image, the latent ranges and the compression figures.");
        var model = ModelOption();
        var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST files (default: the dataset-fashion-mnist package's folder)." };
        var split = new Option<string>("--split") { Description = "test or train.", DefaultValueFactory = _ => "test" };
        var output = new Option<string>("--out") { Description = "CSV file to write (index,label,mu1..,logvar1..).", DefaultValueFactory = _ => "latent.csv" };
        var plot = new Option<string?>("--plot") { Description = "Also write the latent space coloured by class to this PNG." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => 0 };
        foreach (var option in new Option[] { model, data, split, output, plot, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Guard(() =>
        {
            var which = parse.GetValue(split)?.Trim().ToLowerInvariant();
            if (which is not ("test" or "train"))
            {
                throw new UsageException($"--split must be test or train, not '{which}'.");
            }

            var path = RequiredPath(parse, output);
            var plotPath = OptionalPath(parse, plot);
            using var vae = LoadModel(parse, model, parse.GetValue(threads));
            var folder = FashionMnist.ResolveFolder(OptionalPath(parse, data));
            var images = FashionMnist.LoadSplit(folder, which == "test" ? "t10k" : "train");
            VaeExperiment.CheckFits(vae, images, $"the model '{parse.GetValue(model)}'");
            var (mu, logVar) = vae.Encode(images);
            var latent = vae.Config.Latent;
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("index,label");
                for (var d = 1; d <= latent; d++)
                {
                    writer.Write($",mu{d}");
                }

                for (var d = 1; d <= latent; d++)
                {
                    writer.Write($",logvar{d}");
                }

                writer.WriteLine();
                for (var i = 0; i < images.Count; i++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{images.Labels[i]}"));
                    for (var d = 0; d < latent; d++)
                    {
                        writer.Write(string.Create(CultureInfo.InvariantCulture, $",{mu[i * latent + d]:R}"));
                    }

                    for (var d = 0; d < latent; d++)
                    {
                        writer.Write(string.Create(CultureInfo.InvariantCulture, $",{logVar[i * latent + d]:R}"));
                    }

                    writer.WriteLine();
                }
            }

            var (min, max) = VaeExperiment.Ranges(mu, latent);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"Encoded {images.Count} {which} images into {path}.");
            Console.WriteLine("Latent range of μ: " + string.Join(", ", min.Select((m, d) => string.Create(inv, $"z{d + 1} [{m:0.00}, {max[d]:0.00}]"))));
            var c = new CompressionFigures(images.Count, images.Pixels, latent);
            Console.WriteLine(string.Create(inv, $"Images: {CompressionFigures.MiB(c.ImageBytesFloat64)} as float64, {CompressionFigures.MiB(c.ImageBytesUInt8)} as bytes; codes: {CompressionFigures.MiB(c.LatentBytesFloat32)} as float32 ({c.RatioFloat64:0}× / {c.RatioUInt8:0}× smaller)."));
            if (plotPath is not null)
            {
                VaePlots.LatentScatter(plotPath, mu, latent, images.Labels, FashionMnist.ClassNames, $"{which} set in latent space (regularizer: {vae.Config.Regularizer.ToName()})");
                Console.WriteLine($"Wrote {plotPath}.");
            }

            return Ok;
        }));
        return command;
    }
}
