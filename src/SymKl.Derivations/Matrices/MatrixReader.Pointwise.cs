using SymKl.Latex;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>
    /// Every expectation of the statement is over one law the document does not give and enters it linearly
    /// (<see cref="PointwiseExpectations"/>): one whose law cannot be read is read through its operand.
    /// </summary>
    public bool PointwiseExpectations { get; init; }

    /// <summary>The law (as written) of the expectations read through their operands; null when none was.</summary>
    public string? ReadPointwise { get; private set; }

    private bool _lawRead;

    private MatrixValue ExpectationOrPointwise(SyntaxExpectation e, ParseResult parsed)
    {
        if (!PointwiseExpectations) return ConditionalExpectation(e, parsed) ?? JointExpectation(e, parsed) ?? Expectation(e, parsed);
        if (ReadPointwise is null)
            try
            {
                var read = ConditionalExpectation(e, parsed) ?? JointExpectation(e, parsed) ?? Expectation(e, parsed);
                _lawRead = true;
                return read;
            }
            catch (MatrixReadException) when (!_lawRead) { }
        // One expectation read through its law and another through its operand would compare different things.
        if (_lawRead) throw new MatrixReadException("expectations over one law, some read through it and some not");
        ReadPointwise ??= e.Subscript is null ? "𝔼" : "𝔼_{" + parsed.GetText(e.Subscript.Span).Trim() + "}";
        return Read(e.Body, parsed);
    }
}
