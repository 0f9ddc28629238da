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
/// parameters, an invalid parameter or a pair without a verified closed form.
/// </summary>
internal static class KlCommand
{
    public static Command Create()
    {
        var p = new Argument<string>("P") { Description = "the first distribution, e.g. 'Normal(0, 1)' (torch.distributions' parameters)" };
        var q = new Argument<string>("Q") { Description = "the second distribution, e.g. 'Laplace(0, 2)'" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var command = new Command("kl", "KL(P ‖ Q) from the verified closed form of the pair. Families: " + string.Join(", ", DistributionText.Known) + ".")
        {
            p, q, format,
        };
        command.SetAction(result =>
        {
            var fmt = result.GetValue(format);
            if (fmt is not ("text" or "json"))
            {
                Console.Error.WriteLine("symkl kl: unknown --format '" + fmt + "' (expected text or json)");
                return ExitCodes.BadInput;
            }
            var pText = result.GetValue(p) ?? "";
            var qText = result.GetValue(q) ?? "";
            IDistribution pd, qd;
            try
            {
                pd = DistributionText.Parse(pText);
                qd = DistributionText.Parse(qText);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine("symkl kl: " + e.Message);
                return ExitCodes.BadInput;
            }
            if (!Kl.IsSupported(pd, qd))
            {
                Console.Error.WriteLine("symkl kl: no verified closed form for KL(" + pd.GetType().Name + " ‖ " + qd.GetType().Name + ")");
                return ExitCodes.BadInput;
            }
            double value;
            try
            {
                value = Kl.Divergence(pd, qd);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                Console.Error.WriteLine("symkl kl: " + e.Message);
                return ExitCodes.BadInput;
            }
            var source = DistributionText.DerivationOf(pd, qd);
            var derivation = source is null ? null : source.Source + (source.Line > 0 ? ":" + source.Line.ToString(CultureInfo.InvariantCulture) : "");
            Console.Out.Write(fmt == "json" ? Json(pText.Trim(), qText.Trim(), value, derivation) : Text(pText.Trim(), qText.Trim(), value, derivation));
            return ExitCodes.Ok;
        });
        return command;
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
