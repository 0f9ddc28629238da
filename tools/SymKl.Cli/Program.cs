using System.CommandLine;
using SymKl.Cli.Commands;

namespace SymKl.Cli;

/// <summary>The <c>symkl</c> command. Exit codes: 0 nothing refuted, 1 a step refuted, 2 bad usage or unreadable input.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SymKl checks the mathematics in Markdown derivations and turns verified closed forms into C#.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(EqualCommand.Create());
        root.Subcommands.Add(VaeCommand.Create());
        foreach (var extra in ExtraCommands.Create()) root.Subcommands.Add(extra);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine("symkl: " + e.Message);
            Console.Error.WriteLine("Run 'symkl --help' for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("symkl: " + ex.Message);
            return ExitCodes.BadInput;
        }
    }
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Refuted = 1;
    public const int BadInput = 2;
}
