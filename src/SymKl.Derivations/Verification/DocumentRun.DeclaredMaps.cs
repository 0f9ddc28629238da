using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$\phi : \mathbb{R}^n \rightarrow \mathbb{R}^n$" declares φ a map. The text may then write φ(x) while SymKl, not
/// knowing φ, reads a product φ·x: a counterexample that gives φ a number chose a value for a function, not a free
/// parameter, and refutes nothing (<see cref="DocumentRun.Sound"/>).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>A lone name, a colon, and an arrow after it: the signature of a map.</summary>
    private static readonly Regex MapSignature = new(
        @"^\s*(?<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\?:\s*[^=<>]{0,80}?\\(?:to|rightarrow|longrightarrow|mapsto)(?![A-Za-z])",
        RegexOptions.CultureInvariant);

    /// <summary>Names declared maps anywhere in the document (a declaration may follow a use).</summary>
    private readonly HashSet<string> _declaredMaps = new(StringComparer.Ordinal);

    /// <summary>Before the walk: the names math declares as maps (φ : A → B).</summary>
    private void FindDeclaredMaps()
    {
        foreach (var block in document.Blocks)
        {
            if (block.Text.Length > 200) continue;
            var m = MapSignature.Match(block.Text);
            if (!m.Success) continue;
            var parsed = LatexParser.ParseExpression(m.Groups["name"].Value);
            if (parsed.Expression is Identifier id) _declaredMaps.Add(MathBinder.SymbolName(id, parsed));
        }
    }

    /// <summary>The refutation gives a number to a declared map: not a counterexample (null when it does not).</summary>
    private Verdict? ValueForDeclaredMap(Verdict verdict)
    {
        foreach (var kv in verdict.Counterexample?.Values ?? [])
            if (_declaredMaps.Contains(kv.Key))
                return new Verdict(VerdictKind.Unsupported, "its counterexample gives a number to " + kv.Key + ", which the text declares a map (" + kv.Key
                    + " : … → …) and applies to arguments; a counterexample may only choose genuine free parameters", verdict.Residue, null, verdict.PointsChecked);
        return null;
    }
}
