using System.CommandLine;
using System.Globalization;
using SymKl.Derivations.Verification;

namespace SymKl.Cli.Commands;

/// <summary>The <c>--timeout S</c> option shared by the commands that decide steps: seconds per step, 0 for no limit.</summary>
internal static class StepTimeout
{
    public static Option<string?> CreateOption() => new("--timeout")
    {
        Description = "time budget of each step in seconds (default " + VerifyOptions.Seconds(VerifyOptions.DefaultStepTimeout) +
            "; 0: none); a step not decided within it is unsupported (budget exceeded)",
    };

    /// <summary>Reads the option's text; writes an error naming the command and returns false when it is not a number of seconds.</summary>
    public static bool TryRead(string? text, string command, out TimeSpan? limit)
    {
        limit = VerifyOptions.DefaultStepTimeout;
        if (text is null) return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > 86_400)
        {
            Console.Error.WriteLine(command + ": --timeout '" + text + "' is not a number of seconds between 0 and 86400");
            return false;
        }
        limit = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
        return true;
    }
}
