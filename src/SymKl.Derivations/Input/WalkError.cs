namespace SymKl.Derivations.Input;

/// <summary>A PATH argument that could not be read, and why, in words fit for a terminal.</summary>
public sealed record WalkError(string Path, string Message)
{
    public override string ToString() => Message;
}
