using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// \vec z_t and z_t in one text: the matrix reading takes the arrow for typography (one vector), but a text that writes
/// both may mean two quantities (the stacked data \vec z_t and the one observation z_t of a recursive estimate). Neither
/// reading is certain, so a refutation that reads a name of both spellings as one vector stands for no mistake.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Names (without the arrow) the whole text writes with an arrow and without; read once.</summary>
    private HashSet<string>? _arrowAndPlain;

    private const int ArrowScanBlocks = 2000;

    private HashSet<string> ArrowAndPlain()
    {
        if (_arrowAndPlain is not null) return _arrowAndPlain;
        var arrowed = new HashSet<string>(StringComparer.Ordinal);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in document.Blocks.Take(ArrowScanBlocks))
        {
            var parsed = LatexParser.ParseMath(Expanded(block, out _));
            if (parsed.Root is not { } root) continue;
            MatrixScope.Visit(root, n =>
            {
                if (n is not Identifier id || id.Accent is not (null or "vec" or "overrightarrow")) return;
                var name = MathBinder.SymbolName(id with { Accent = null }, parsed);
                (id.Accent is null ? plain : arrowed).Add(name);
            });
        }
        arrowed.IntersectWith(plain);
        return _arrowAndPlain = arrowed;
    }

    /// <summary>The first name of the sides the text writes both with an arrow and without (z_t for \vec z_t beside z_t), or null.</summary>
    private string? ArrowedAndPlain(Operand left, Operand right)
    {
        string? found = null;
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n =>
            {
                if (found is null && n is Identifier { Accent: null or "vec" or "overrightarrow" } id
                    && MathBinder.SymbolName(id with { Accent = null }, side.Parsed) is var name && ArrowAndPlain().Contains(name))
                    found = name;
            });
        return found;
    }
}
