// symkl gen needs the generator's compiler front end (src/SymKl.Generators, referenced as an ordinary
// assembly). It is compiled in when the command line project references it and defines SYMKL_GEN:
//   <ProjectReference Include="..\..\src\SymKl.Generators\SymKl.Generators.csproj" />
//   <DefineConstants>$(DefineConstants);SYMKL_GEN</DefineConstants>
#if SYMKL_GEN
using System.CommandLine;
using SymKl.Derivations.Input;
using SymKl.Generators;
using SymKl.Generators.Derivations;
using SymKl.Generators.Model;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>symkl gen PATH [--no-verify]</c>: prints the C# that the source generator emits for a derivation (the same
/// code: both call <see cref="DerivationCompiler"/>). Diagnostics go to stderr in the compiler's format
/// (<c>file(line,col): error SKG001: …</c>). Exit 0 when code was generated, 1 when a step is refuted or the
/// result is not verified, 2 on bad usage (unreadable file, no generate block, a method name that is not a usable C#
/// identifier), 3 when the verifier itself failed (SKG008).
/// </summary>
internal static class GenCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "a Markdown derivation with a generate: block in its front matter" };
        var noVerify = new Option<bool>("--no-verify") { Description = "emit from the front matter without checking the derivation's steps" };
        var helpers = new Option<bool>("--helpers") { Description = "also print the KlMath helper class the generated code calls" };
        var command = new Command("gen", "Print the C# that the source generator emits for a verified derivation.") { path, noVerify, helpers };
        command.SetAction(result =>
        {
            var file = result.GetValue(path) ?? "";
            // The verifier's reader: only regular text files, with the same size limit and messages.
            var text = DocumentLoader.TryReadText(file, out var error);
            if (text is null)
            {
                Console.Error.WriteLine("symkl gen: " + error!.Message);
                return ExitCodes.BadInput;
            }
            var output = DerivationCompiler.Compile(file, text, result.GetValue(noVerify) ? null : DocumentStepVerifier.Instance);
            foreach (var m in output.Messages) Console.Error.WriteLine(m.ToString());
            if (output.Messages.Any(m => m.Id == DerivationCompiler.VerifierFailed)) return ExitCodes.InternalError;
            if (output.Source is null)
            {
                if (output.Messages.Count == 0)
                {
                    Console.Error.WriteLine("symkl gen: '" + file + "' has no generate: block in its front matter (see derivations/README.md)");
                    return ExitCodes.BadInput;
                }
                return output.Messages.Any(m => m.Id is DerivationCompiler.StepFailed or DerivationCompiler.ResultNotVerified) ? ExitCodes.Refuted : ExitCodes.BadInput;
            }
            Console.Out.Write(output.Source);
            if (result.GetValue(helpers)) Console.Out.Write("\n" + DerivationCompiler.HelperSource);
            return ExitCodes.Ok;
        });
        return command;
    }
}

internal static partial class ExtraCommands
{
    static partial void AddGenerator(List<Command> commands) => commands.Add(GenCommand.Create());
}
#endif
