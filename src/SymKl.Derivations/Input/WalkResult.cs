namespace SymKl.Derivations.Input;

/// <summary>The Markdown files found for some PATH arguments, and the arguments that could not be read.</summary>
public sealed record WalkResult(IReadOnlyList<string> Files, IReadOnlyList<WalkError> Errors)
{
    public bool HasErrors => Errors.Count > 0;
}
