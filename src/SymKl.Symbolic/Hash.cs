namespace SymKl.Symbolic;

/// <summary>Hash combining that also works on netstandard2.0 (no System.HashCode there).</summary>
internal static class Hash
{
    public static int Combine(int a, int b) => unchecked((a * 16777619) ^ b) * -1640531535;

    public static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);
}
