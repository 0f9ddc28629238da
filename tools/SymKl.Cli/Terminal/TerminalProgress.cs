using Spectre.Console;

namespace SymKl.Cli.Terminal;

/// <summary>
/// Live progress displays (Spectre.Console) on standard error, only when it is an interactive terminal: redirected
/// output (CI, logs, tests) never receives carriage returns or cursor movements.
/// </summary>
internal static class TerminalProgress
{
    /// <summary>A console on standard error when it is an interactive terminal, otherwise null.</summary>
    public static IAnsiConsole? InteractiveStandardError()
    {
        if (Console.IsErrorRedirected) return null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive ? console : null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a bar of documents done out of all on <paramref name="console"/>, or with no
    /// callback (and no output) when the console is null. The callback is thread-safe (Spectre's tasks lock).
    /// </summary>
    public static T Documents<T>(IAnsiConsole? console, Func<Action<int, int>?, T> work)
    {
        if (console is null) return work(null);
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("verifying", autoStart: true, maxValue: 1);
                return work((done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    task.Description = Markup.Escape(FormattableString.Invariant($"verifying {done}/{total} documents"));
                });
            });
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one progress task whose description and bar follow the callback's
    /// (description, done, total) reports, on <paramref name="console"/>. Lines written to the console meanwhile
    /// appear above the bar.
    /// </summary>
    public static T Track<T>(IAnsiConsole console, Func<Action<string, double, double>, T> work) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", autoStart: true, maxValue: 1);
                return work((description, done, total) =>
                {
                    task.Description = Markup.Escape(description);
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                });
            });
}
