namespace SymKl;

/// <summary>
/// Marks a hand-written method that computes a derivation's closed form. The SymKl analyzer reads the method's body
/// and compares it with the derivation's verified result: SKA001 when they differ (with parameter values that
/// separate them), SKA002 when the body cannot be read, SKA003 when the derivation is unknown, unverified or its
/// parameters do not match the method's (by name, <c>mu1</c> for <c>\mu_1</c>, or else by order).
/// </summary>
/// <param name="derivation">A derivation of the package's catalog (<c>"normal-normal"</c> for derivations/normal-normal.md)
/// or the path of a Markdown derivation among the project's AdditionalFiles.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CheckedAgainstAttribute(string derivation) : Attribute
{
    /// <summary>The derivation's catalog name or the path of its Markdown file.</summary>
    public string Derivation { get; } = derivation;
}
