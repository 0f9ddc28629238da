using System.CommandLine;

namespace SymKl.Cli.Commands;

/// <summary>Commands of the code generator and the runtime (gen, hist-kl), registered where they exist.</summary>
internal static partial class ExtraCommands
{
    public static IEnumerable<Command> Create()
    {
        var list = new List<Command>();
        Add(list);
        return list;
    }

    static partial void Add(List<Command> commands);
}
