using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Names the prose introduces as quantities of the model ("let $p$ be the output of the network", <see cref="ModelQuantities"/>)
/// and names given a value SymKl cannot read: while no readable value stands for them, a derivative does not take them for
/// constants (∂(p z)/∂w keeps the unknown ∂p/∂w), so a step through one is not proved by forgetting it.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Symbols named as model quantities anywhere (the naming often follows the first use).</summary>
    private readonly HashSet<string> _modelQuantities = new(StringComparer.Ordinal);

    /// <summary>Letters of indexed names named so (p for "$p_i$ is the predicted probability"): every p_j is one.</summary>
    private readonly HashSet<string> _modelFamilies = new(StringComparer.Ordinal);

    /// <summary>Before the walk: the model quantities the prose names, and the test the binder asks.</summary>
    private void FindModelQuantities()
    {
        foreach (var block in document.Blocks)
        {
            if (block.Kind != Markdown.MathBlockKind.Inline || block.Text.Length > 40) continue;
            var parsed = LatexParser.ParseExpression(Expanded(block, out _));
            if (parsed.Expression is not Identifier id) continue;
            if (ModelQuantities.Read(block.ProseBefore, TextAfter(block)) is null) continue;
            var name = MathBinder.SymbolName(id, parsed);
            _modelQuantities.Add(name);
            // p_i, h^{(l)}_j: the family is named through one member (an index that is a letter).
            if (Checking.IndexedSums.Split(name) is { } member && member.Key.Length == 1 && char.IsLetter(member.Key[0])) _modelFamilies.Add(member.Base);
        }
        _scope.DependentQuantity = IsDependentQuantity;
    }

    private bool IsDependentQuantity(string name) =>
        _modelQuantities.Contains(name) || _unreadableValues.ContainsKey(name)
        || _modelFamilies.Count > 0 && Checking.IndexedSums.Split(name) is { } member && _modelFamilies.Contains(member.Base);
}
