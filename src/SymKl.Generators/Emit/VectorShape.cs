namespace SymKl.Generators.Emit;

/// <summary>
/// One SIMD vector type that generated code computes in. Batched loops take the widest one the machine
/// accelerates first, then the next, then scalars: <see cref="Wide"/> (Vector512, where the runtime reports
/// it accelerated, i.e. AVX-512 without frequency penalties), then <see cref="Portable"/> (Vector&lt;T&gt;:
/// 256 bits on AVX2, 128 on NEON). Both expose the same static surface except for the few names here, so
/// cores and the KlMath helpers are printed once per shape from one text (overloads by vector type).
/// </summary>
internal sealed class VectorShape
{
    public static readonly VectorShape Wide = new("Vector512", "Vector512<{0}>", "Sqrt");
    public static readonly VectorShape Portable = new("Vector", "Vector<{0}>", "SquareRoot");

    /// <summary>Widest first: the order batched loops try them in.</summary>
    public static readonly IReadOnlyList<VectorShape> All = [Wide, Portable];

    private readonly string _typeFormat;

    private VectorShape(string staticClass, string typeFormat, string squareRoot)
    {
        Static = staticClass;
        _typeFormat = typeFormat;
        SquareRoot = staticClass + "." + squareRoot;
    }

    /// <summary>The static class with the operations: "Vector" or "Vector512".</summary>
    public string Static { get; }

    public string SquareRoot { get; }

    public string Double => Of("double");

    public string Long => Of("long");

    public string Of(string element) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _typeFormat, element);

    public string IsAccelerated => Static + ".IsHardwareAccelerated";

    public string Create(string literal) => Static + ".Create(" + literal + ")";

    /// <summary>Statements that load a float vector at __i and widen it into two double vectors.</summary>
    public string Widen(string id) =>
        "var __" + id + "F = " + Static + ".LoadUnsafe(ref __" + id + ", __i); var __" + id + "Lo = " + Static + ".WidenLower(__" + id + "F); var __" + id + "Hi = " + Static + ".WidenUpper(__" + id + "F);";

    /// <summary>
    /// Vector code for this shape from a template that writes VecD for the double vector, VecL for the long
    /// vector and Vec. for the static class.
    /// </summary>
    public string Instantiate(string template) =>
        template.Replace("VecD", Double).Replace("VecL", Long).Replace("Vec.", Static + ".");
}
