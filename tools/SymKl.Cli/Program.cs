using System.CommandLine;
using SymKl.Cli.Commands;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;

namespace SymKl.Cli;

/// <summary>
/// The <c>symkl</c> command. Exit codes: 0 nothing refuted, 1 a step refuted, 2 bad usage or unreadable input,
/// 3 internal error (a bug of SymKl; never 1, so that CI does not read it as a wrong step).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SymKl checks the mathematics in Markdown derivations and turns verified closed forms into C#.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(EqualCommand.Create());
        root.Subcommands.Add(VaeCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
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
            // Exceptions reach the handlers below (the library's own handler prints a stack trace and exits 1, which reads as "refuted").
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("symkl: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine("symkl: " + InternalError.Describe(ex));
            return ExitCodes.InternalError;
        }
    }
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Refuted = 1;
    public const int BadInput = 2;
    public const int InternalError = VerificationReport.InternalErrorExitCode;
}
