using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SymKl.Cli.Tests;

/// <summary>Small Fashion-MNIST-shaped data (8×8 images) and a model trained on it, shared by the <c>symkl vae</c> tests.</summary>
public sealed class VaeCliFixture : IDisposable
{
    public VaeCliFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "symkl-vae-cli-" + Guid.NewGuid().ToString("N"));
        Data = Folder("data");
        WriteSplit(Data, "train", 64, 8, 8);
        WriteSplit(Data, "t10k", 16, 8, 8);
        var run = Folder("trained");
        var r = CliRunner.Run("vae", "train", "--data", Data, "--out", run, "--epochs", "1", "--batch-size", "16", "--threads", "1", "--no-pictures");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Model = Path.Combine(run, "model.ckpt");
    }

    public string Root { get; }

    public string Data { get; }

    public string Model { get; }

    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public static byte[] Idx(int[] shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (var d = 0; d < shape.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), shape[d]);
        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    public static void WriteSplit(string dir, string prefix, int count, int rows, int columns)
    {
        var pixels = new byte[count * rows * columns];
        new Random(count + rows).NextBytes(pixels);
        File.WriteAllBytes(Path.Combine(dir, prefix + "-images-idx3-ubyte"), Idx([count, rows, columns], pixels));
        File.WriteAllBytes(Path.Combine(dir, prefix + "-labels-idx1-ubyte"), Idx([count], [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary><c>symkl vae</c> end to end: failures are one clear message with the right exit code, never a stack trace.</summary>
public sealed class VaeCommandTests(VaeCliFixture fixture) : IClassFixture<VaeCliFixture>
{
    private static void AssertNoStackTrace(CliRunner.Result r)
    {
        var all = r.Stdout + r.Stderr;
        Assert.DoesNotContain("   at ", all);
        Assert.DoesNotContain("Exception", all);
        Assert.DoesNotMatch(new Regex(@"\bSystem\.[A-Z]"), all);
    }

    private static CliRunner.Result Fails(int exitCode, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}, expected {exitCode}\n{r.Stdout}\n{r.Stderr}");
        AssertNoStackTrace(r);
        return r;
    }

    [Fact]
    public void RedirectedTrainingPrintsOneLinePerEpochAndNoLiveBar()
    {
        var output = fixture.Folder("plain-progress");
        var r = CliRunner.Run("vae", "train", "--data", fixture.Data, "--out", output, "--epochs", "2", "--batch-size", "16", "--threads", "1", "--no-pictures");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var epochLines = r.Stdout.Split('\n').Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, epochLines.Count);
        Assert.StartsWith("epoch   1/2  train ", epochLines[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch   2/2  train ", epochLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', r.Stdout + r.Stderr);
        Assert.DoesNotContain("img/s", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ADivergingLearningRateStopsWithAMessageAndWritesNoCheckpoint()
    {
        var output = fixture.Folder("diverged");
        var r = Fails(1, "vae", "train", "--data", fixture.Data, "--out", output, "--epochs", "3", "--lr", "1e308", "--batch-size", "16", "--threads", "1", "--no-pictures");
        Assert.Contains("diverged in epoch 1", r.Stderr);
        Assert.Contains("--lr", r.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "model.ckpt")));
        Assert.False(File.Exists(Path.Combine(output, "metrics.json")));
    }

    [Fact]
    public void ResumeWithoutACheckpointIsAnErrorNotAFreshStart()
    {
        var output = fixture.Folder("nothing-to-resume");
        var r = Fails(2, "vae", "train", "--data", fixture.Data, "--out", output, "--resume", "--no-pictures");
        Assert.Contains("--resume", r.Stderr);
        Assert.Contains(Path.Combine(output, "model.ckpt"), r.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    public static TheoryData<string, string[]> EmptyPaths => new()
    {
        { "--data", ["vae", "train", "--data", "", "--out", "OUT"] },
        { "--out", ["vae", "train", "--data", "DATA", "--out", " "] },
        { "--data", ["vae", "compare", "--data", "", "--out", "OUT"] },
        { "--model", ["vae", "sample", "--model", ""] },
        { "--out", ["vae", "sample", "--model", "MODEL", "--out", ""] },
        { "--out", ["vae", "encode", "--model", "MODEL", "--data", "DATA", "--out", ""] },
        { "--plot", ["vae", "encode", "--model", "MODEL", "--data", "DATA", "--out", "OUT/latent.csv", "--plot", ""] },
        { "--data", ["vae", "encode", "--model", "MODEL", "--data", "", "--out", "OUT/latent.csv"] },
    };

    [Theory]
    [MemberData(nameof(EmptyPaths))]
    public void EmptyPathsAreUsageErrorsNamingTheOption(string option, string[] args)
    {
        var output = fixture.Folder("empty-" + Guid.NewGuid().ToString("N"));
        var resolved = args.Select(a => a.Replace("OUT", output, StringComparison.Ordinal).Replace("DATA", fixture.Data, StringComparison.Ordinal).Replace("MODEL", fixture.Model, StringComparison.Ordinal)).ToArray();
        var r = Fails(2, resolved);
        Assert.Contains(option + " needs a path", r.Stderr);
    }

    [Fact]
    public void AnEmptyTrainingFileIsNamed()
    {
        var data = fixture.Folder("empty-file");
        VaeCliFixture.WriteSplit(data, "train", 4, 8, 8);
        VaeCliFixture.WriteSplit(data, "t10k", 4, 8, 8);
        var images = Path.Combine(data, "train-images-idx3-ubyte");
        File.WriteAllBytes(images, []);
        var r = Fails(2, "vae", "train", "--data", data, "--out", fixture.Folder("empty-file-out"), "--no-pictures");
        Assert.Contains(images, r.Stderr);
        Assert.Contains("empty", r.Stderr);
    }

    [Fact]
    public void ATrainingFileWithoutImagesIsNamed()
    {
        var data = fixture.Folder("no-images");
        VaeCliFixture.WriteSplit(data, "train", 0, 8, 8);
        VaeCliFixture.WriteSplit(data, "t10k", 4, 8, 8);
        var r = Fails(2, "vae", "train", "--data", data, "--out", fixture.Folder("no-images-out"), "--no-pictures");
        Assert.Contains(Path.Combine(data, "train-images-idx3-ubyte") + "' holds no images", r.Stderr);
    }

    [Fact]
    public void ImagesOfTheWrongSizeAreNamed()
    {
        var data = fixture.Folder("mixed-sizes");
        VaeCliFixture.WriteSplit(data, "train", 8, 8, 8);
        VaeCliFixture.WriteSplit(data, "t10k", 4, 6, 6);
        var train = Fails(2, "vae", "train", "--data", data, "--out", fixture.Folder("mixed-out"), "--no-pictures");
        Assert.Contains(Path.Combine(data, "train-images-idx3-ubyte"), train.Stderr);
        Assert.Contains(Path.Combine(data, "t10k-images-idx3-ubyte") + "') are 6×6", train.Stderr);

        // A model trained on 8×8 images does not encode 6×6 ones.
        var encode = Fails(2, "vae", "encode", "--model", fixture.Model, "--data", data, "--out", Path.Combine(fixture.Folder("mixed-out"), "latent.csv"));
        Assert.Contains("takes images of 8×8 pixels but '" + Path.Combine(data, "t10k-images-idx3-ubyte") + "' holds images of 6×6", encode.Stderr);
    }

    [Fact]
    public void ADamagedCheckpointIsRefused()
    {
        var damaged = Path.Combine(fixture.Folder("damaged"), "model.ckpt");
        var bytes = File.ReadAllBytes(fixture.Model);
        for (var i = 100; i < bytes.Length - 40; i += bytes.Length / 2000 + 1) bytes[i] ^= 0x5A;
        File.WriteAllBytes(damaged, bytes);
        var r = Fails(2, "vae", "encode", "--model", damaged, "--data", fixture.Data, "--out", Path.Combine(fixture.Folder("damaged"), "latent.csv"));
        Assert.Contains("checksum does not match", r.Stderr);
        Assert.DoesNotContain("NaN", r.Stdout);
    }

    [Fact]
    public void TheTrainedModelEncodesAndSamples()
    {
        var output = fixture.Folder("use");
        var encode = CliRunner.Run("vae", "encode", "--model", fixture.Model, "--data", fixture.Data, "--out", Path.Combine(output, "latent.csv"));
        Assert.True(encode.ExitCode == 0, encode.Stderr);
        Assert.Equal(17, File.ReadAllLines(Path.Combine(output, "latent.csv")).Length);
        var sample = CliRunner.Run("vae", "sample", "--model", fixture.Model, "--out", Path.Combine(output, "samples.png"), "--count", "4");
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        Assert.True(new FileInfo(Path.Combine(output, "samples.png")).Length > 0);
    }

    [InterruptibleFact]
    public async Task CtrlCStopsAtABatchBoundarySavesAndSaysHowToResume()
    {
        var output = fixture.Folder("interrupted");
        string[] args = ["vae", "train", "--data", fixture.Data, "--out", output, "--epochs", "1000000", "--batch-size", "8", "--threads", "1", "--no-pictures"];
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "symkl.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        string text, errors;
        try
        {
            // Both streams are drained all along, so the process never blocks on a full pipe.
            var training = new TaskCompletionSource();
            var lines = new List<string>();
            var stdout = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    lock (lines) lines.Add(line);
                    if (line.StartsWith("epoch ", StringComparison.Ordinal)) training.TrySetResult(); // training is under way
                }
            });
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await Task.WhenAny(training.Task, process.WaitForExitAsync(timeout.Token));
            Assert.True(training.Task.IsCompleted, "training ended before it could be interrupted");
            using (var signal = Process.Start("kill", ["-s", "INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, signal.ExitCode);
            }

            await process.WaitForExitAsync(timeout.Token);
            await stdout;
            errors = await stderr;
            text = string.Join('\n', lines);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{text}\n{errors}");
        Assert.Contains("stopping after the current batch", errors);
        var stopped = Regex.Match(text, @"Stopped in epoch (\d+) after batch (\d+) of 8; saved (.+)\.");
        Assert.True(stopped.Success, text);
        Assert.Equal(Path.Combine(output, "model.ckpt"), stopped.Groups[3].Value);
        Assert.Contains($"Resume with: symkl vae train --resume --out {output} --epochs 1000000 --data {fixture.Data} --threads 1", text);

        // Resuming finishes the interrupted epoch (and one more) from the checkpoint.
        var epochs = int.Parse(stopped.Groups[1].Value, CultureInfo.InvariantCulture) + 1;
        var resumed = CliRunner.Run("vae", "train", "--resume", "--out", output, "--data", fixture.Data, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--no-pictures");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(epochs, metrics.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.False(metrics.RootElement.TryGetProperty("interrupted", out _));
    }
}

/// <summary>
/// A fact that sends SIGINT to a child process: skipped, saying why, where the signal cannot arrive. On Windows there is
/// none; and a process started in the background by a non-interactive shell ignores SIGINT, as do its children (POSIX),
/// so the child would never see it and the test would wait out its time limit.
/// </summary>
public sealed class InterruptibleFactAttribute : FactAttribute
{
    public InterruptibleFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "this test sends SIGINT, which needs a POSIX system";
        else if (SigIntIgnored()) Skip = "this process ignores SIGINT (started in the background by a non-interactive shell), and so would the child it signals; run the tests in the foreground";
    }

    /// <summary>Bit 2 (SIGINT) of the ignored-signal mask in /proc/self/status, where there is one.</summary>
    private static bool SigIntIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && ulong.TryParse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask) && (mask & 0x2) != 0;
    }
}
