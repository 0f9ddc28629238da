using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SymKl.Runtime.Divergences;
using SymKl.Vae.Imaging;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>symkl hist-kl A.png B.png [C.png …] [--bins N] [--smoothing α] [--format text|json]</c>: the image-similarity
/// example of the KL exposé. Each image becomes a histogram of pixel intensities (luminance), smoothed with a
/// pseudo-count per bin, and the first image is compared with each of the others, KL both ways. The divergence
/// is the generated categorical KL of derivations/categorical.md. Exit 0 on success, 2 on bad usage or an
/// unreadable image.
/// </summary>
internal static class HistKlCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "PNG images: the reference first, then one or more to compare with it", Arity = new ArgumentArity(2, 64) };
        var bins = new Option<int>("--bins") { Description = "number of intensity bins (1 to 256)", DefaultValueFactory = _ => 256 };
        var smoothing = new Option<double>("--smoothing") { Description = "pseudo-count added to every bin before normalising (0 keeps empty bins, and infinite divergences)", DefaultValueFactory = _ => Histograms.DefaultPseudoCount };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var command = new Command("hist-kl", "KL divergence between the pixel-intensity histograms of images, both ways.")
        {
            images, bins, smoothing, format,
        };
        command.SetAction(result =>
        {
            var paths = result.GetValue(images) ?? [];
            var fmt = result.GetValue(format);
            var binCount = result.GetValue(bins);
            var alpha = result.GetValue(smoothing);
            if (fmt is not ("text" or "json"))
            {
                Console.Error.WriteLine("symkl hist-kl: unknown --format '" + fmt + "' (expected text or json)");
                return ExitCodes.BadInput;
            }
            if (binCount is < 1 or > 256)
            {
                Console.Error.WriteLine("symkl hist-kl: --bins must be between 1 and 256");
                return ExitCodes.BadInput;
            }
            if (!(alpha >= 0) || double.IsInfinity(alpha))
            {
                Console.Error.WriteLine("symkl hist-kl: --smoothing must be a non-negative number");
                return ExitCodes.BadInput;
            }
            var histograms = new List<double[]>();
            foreach (var path in paths)
            {
                try
                {
                    histograms.Add(Histograms.Intensities(PngGray.Read(path).Pixels, binCount));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    Console.Error.WriteLine("symkl hist-kl: cannot read '" + path + "': " + e.Message);
                    return ExitCodes.BadInput;
                }
            }
            var rows = new List<(string Other, HistogramDivergence D)>();
            for (var i = 1; i < paths.Length; i++)
            {
                try
                {
                    rows.Add((paths[i], Histograms.Divergence(histograms[0], histograms[i], alpha)));
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine("symkl hist-kl: " + e.Message);
                    return ExitCodes.BadInput;
                }
            }
            Console.Out.Write(fmt == "json" ? Json(paths[0], binCount, alpha, rows) : Text(paths[0], binCount, alpha, rows));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string N(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Text(string reference, int bins, double alpha, List<(string Other, HistogramDivergence D)> rows)
    {
        var sb = new StringBuilder();
        sb.Append("pixel-intensity histograms, ").Append(bins).Append(" bins, pseudo-count ").Append(alpha.ToString(CultureInfo.InvariantCulture)).Append(" per bin; KL in nats\n");
        var width = Math.Max(Path.GetFileName(reference).Length, rows.Max(r => Path.GetFileName(r.Other).Length));
        foreach (var (other, d) in rows)
        {
            var a = Path.GetFileName(reference).PadRight(width);
            var b = Path.GetFileName(other).PadRight(width);
            sb.Append("KL(").Append(a).Append(" || ").Append(b).Append(") = ").Append(N(d.PQ))
              .Append("   KL(").Append(b).Append(" || ").Append(a).Append(") = ").Append(N(d.QP))
              .Append("   symmetric = ").Append(N(d.Symmetric)).Append('\n');
        }
        if (rows.Count > 1)
        {
            var closest = rows.OrderBy(r => r.D.PQ).First();
            sb.Append("closest to ").Append(Path.GetFileName(reference)).Append(": ").Append(Path.GetFileName(closest.Other)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Json(string reference, int bins, double alpha, List<(string Other, HistogramDivergence D)> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("reference", reference);
            w.WriteNumber("bins", bins);
            w.WriteNumber("pseudoCount", alpha);
            w.WriteStartArray("comparisons");
            foreach (var (other, d) in rows)
            {
                w.WriteStartObject();
                w.WriteString("image", other);
                Number(w, "klReferenceToImage", d.PQ);
                Number(w, "klImageToReference", d.QP);
                Number(w, "symmetric", d.Symmetric);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // JSON has no infinity: an infinite divergence is written as null.
    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}

internal static partial class ExtraCommands
{
    static partial void Add(List<Command> commands)
    {
        commands.Add(HistKlCommand.Create());
        commands.Add(KlCommand.Create());
        AddGenerator(commands);
    }

    /// <summary>Adds <c>symkl gen</c> when the command line references the generator (see GenCommand.cs).</summary>
    static partial void AddGenerator(List<Command> commands);
}
