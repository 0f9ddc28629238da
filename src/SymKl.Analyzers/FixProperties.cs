namespace SymKl.Analyzers;

/// <summary>
/// Keys of the properties an SKA001 diagnostic carries for the code fix (this file is compiled into both the analyzer
/// and the code fix assembly, which does not reference the analyzer's dependencies).
/// </summary>
internal static class FixProperties
{
    /// <summary>The generated class, with its namespace (<c>SymKl.Runtime.Generated.KlGenerated</c>, or the project's own for its derivations).</summary>
    public const string Class = "SymKl.Class";

    /// <summary>The generated method to call (<c>NormalNormal</c>); absent when there is none to call (a sum's term).</summary>
    public const string Method = "SymKl.Method";

    /// <summary>The method's own parameter names in the order of the generated method's parameters, comma-separated.</summary>
    public const string Arguments = "SymKl.Arguments";

    /// <summary>"float" when the method returns float (the call is cast), else "double".</summary>
    public const string ReturnType = "SymKl.ReturnType";
}
