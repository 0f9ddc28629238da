using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SymKl.Runtime.Divergences;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>symkl kl P Q [--format text|json]</c>: KL(P ‖ Q) for two distributions written with torch.distributions'
/// parameters (<c>symkl kl 'Gumbel(0, 1)' 'Gumbel(-5, 0.005)'</c>), to 17 significant digits, with the derivation
/// whose verified closed form computed it. Exit 0 on success; 2 for an unknown family, a wrong number of
/// parameters, an invalid parameter or a pair without a verified closed form. <c>symkl kl --pairs FILE</c> (or <c>-</c>
/// for standard input) computes one pair per line, P and Q separated by a tab, in the same output format (JSON:
/// one object per line); a line that cannot be read stops the batch with exit 2 and its line number.
/// </summary>
internal static class KlCommand
{
    public static Command Create()
    {
        var p = new Argument<string>("P") { Description = "the first distribution, e.g. 'Normal(0, 1)' (torch.distributions' parameters)", Arity = ArgumentArity.ZeroOrOne };
        var q = new Argument<string>("Q") { Description = "the second distribution, e.g. 'Laplace(0, 2)'", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var pairs = new Option<string>("--pairs") { Description = "a file (or - for standard input) with one pair per line, P<TAB>Q, instead of P and Q" };
        var command = new Command("kl", "KL(P ‖ Q) from the verified closed form of the pair. Families: " + string.Join(", ", DistributionText.Known) + ".")
        {
            p, q, format, pairs,
        };
        command.SetAction(result =>
        {
            var fmt = result.GetValue(format);
            if (fmt is not ("text" or "json"))
            {
                Console.Error.WriteLine("symkl kl: unknown --format '" + fmt + "' (expected text or json)");
                return ExitCodes.BadInput;
            }
            var pairsPath = result.GetValue(pairs);
            var pArgument = result.GetValue(p);
            var qArgument = result.GetValue(q);
            if (pairsPath is not null)
            {
                if (pArgument is not null)
                {
                    Console.Error.WriteLine("symkl kl: give either P and Q or --pairs, not both");
                    return ExitCodes.BadInput;
                }
                return Batch(pairsPath, fmt);
            }
            if (pArgument is null || qArgument is null)
            {
                Console.Error.WriteLine("symkl kl: expected two distributions, P and Q (for example symkl kl 'Normal(0, 1)' 'Laplace(0, 2)'), or --pairs FILE");
                return ExitCodes.BadInput;
            }
            return One(pArgument, qArgument, fmt, Console.Out, "symkl kl: ");
        });
        return command;
    }

    private static int Batch(string path, string fmt)
    {
        IEnumerable<string> lines;
        try
        {
            lines = path == "-" ? ReadAll(Console.In) : File.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("symkl kl: cannot read " + path + ": " + e.Message);
            return ExitCodes.BadInput;
        }
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var number = 0;
        try
        {
            foreach (var line in lines)
            {
                number++;
                if (line.Trim().Length == 0) continue;
                var fields = line.Split('\t');
                if (fields.Length != 2)
                {
                    Console.Out.Write(output.ToString());
                    Console.Error.WriteLine("symkl kl: " + path + ":" + number + ": expected P<TAB>Q, found " + fields.Length + " field" + (fields.Length == 1 ? "" : "s"));
                    return ExitCodes.BadInput;
                }
                var code = One(fields[0], fields[1], fmt, output, "symkl kl: " + path + ":" + number + ": ");
                if (code != ExitCodes.Ok)
                {
                    Console.Out.Write(output.ToString());
                    return code;
                }
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("symkl kl: cannot read " + path + ": " + e.Message);
            return ExitCodes.BadInput;
        }
        Console.Out.Write(output.ToString());
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> ReadAll(TextReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static int One(string pText, string qText, string fmt, TextWriter output, string errorPrefix)
    {
        IDistribution pd, qd;
        try
        {
            pd = DistributionText.Parse(pText);
            qd = DistributionText.Parse(qText);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(errorPrefix + e.Message);
            return ExitCodes.BadInput;
        }
        if (!Kl.IsSupported(pd, qd))
        {
            Console.Error.WriteLine(errorPrefix + "no verified closed form for KL(" + pd.GetType().Name + " ‖ " + qd.GetType().Name + ")");
            return ExitCodes.BadInput;
        }
        double value;
        try
        {
            value = Kl.Divergence(pd, qd);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine(errorPrefix + e.Message);
            return ExitCodes.BadInput;
        }
        var source = DistributionText.DerivationOf(pd, qd);
        var derivation = source is null ? null : source.Source + (source.Line > 0 ? ":" + source.Line.ToString(CultureInfo.InvariantCulture) : "");
        output.Write(fmt == "json" ? Json(pText.Trim(), qText.Trim(), value, derivation) : Text(pText.Trim(), qText.Trim(), value, derivation));
        return ExitCodes.Ok;
    }

    /// <summary>17 significant digits (round-trips a double); "Infinity" for +∞.</summary>
    public static string Format(double v) => double.IsPositiveInfinity(v) ? "Infinity" : v.ToString("G17", CultureInfo.InvariantCulture);

    private static string Text(string p, string q, double value, string? derivation) =>
        "KL(" + p + " ‖ " + q + ") = " + Format(value) + "\n" + (derivation is null ? "" : "  from the verified closed form in " + derivation + "\n");

    private static string Json(string p, string q, double value, string? derivation)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("p", p);
            w.WriteString("q", q);
            if (double.IsFinite(value)) w.WriteNumber("value", value);
            else w.WriteString("value", Format(value));
            if (derivation is null) w.WriteNull("derivation");
            else w.WriteString("derivation", derivation);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
