using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Accented names the text derives from their base by a convention it never writes down: ᾱ_t, the running product of
/// the α_s in diffusion models; x̄, the mean of the x_i; β̄_t = 1 − ᾱ_t in some posts. A counterexample that gives ᾱ_t and
/// α_t independent values breaks that tie, so it shows nothing about the step. Only names the document never gives a
/// value (no relation anywhere has the name alone on its left) are read so; a defined ᾱ_t is checked through its definition.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Names some relation of the document gives a value (the name alone on the left of =, :=, \triangleq): the pre-pass collects them.</summary>
    private readonly HashSet<string> _givenNames = new(StringComparer.Ordinal);

    private static readonly System.Text.RegularExpressions.Regex AccentedName =
        new(@"^\\(?:bar|overline|tilde|widetilde|hat|widehat)\{([^{}]+)\}(.*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private void CollectGivenNames(IEnumerable<LatexRelation> relations, ParseResult parsed)
    {
        foreach (var relation in relations)
            for (var i = 0; i < relation.Operators.Count; i++)
                if (relation.Operators[i].Kind is RelationKind.Equal or RelationKind.Define && !relation.Operators[i].Negated)
                {
                    if (relation.Operands[i] is Identifier left) _givenNames.Add(MathBinder.SymbolName(left, parsed));
                    if (relation.Operands[i + 1] is Identifier right) _givenNames.Add(MathBinder.SymbolName(right, parsed));
                }
    }

    /// <summary>The math block each name is first written in (the pre-pass).</summary>
    private readonly Dictionary<string, Markdown.MathBlock> _firstWritten = new(StringComparer.Ordinal);

    /// <summary>The name is first written in the display being read (the pre-pass saw it nowhere before).</summary>
    private bool FirstWrittenHere(Identifier id, ParseResult parsed) =>
        _block is not null && _firstWritten.TryGetValue(MathBinder.SymbolName(id, parsed), out var first) && ReferenceEquals(first, _block);

    private void CollectFirstWritten(Markdown.MathBlock block, SymKl.Latex.Syntax.SyntaxNode root, ParseResult parsed)
    {
        foreach (var id in root.DescendantsAndSelf().OfType<Identifier>())
        {
            var name = MathBinder.SymbolName(id, parsed);
            if (!_firstWritten.ContainsKey(name)) _firstWritten[name] = block;
        }
    }

    /// <summary>
    /// "z_k = y_k + v_k = H_k x_k + v_k" in a model's statement: a chain that defines z_k and goes on through y_k, a name first
    /// written in this display and given no value anywhere, says what y_k is (H_k x_k) as much as it claims anything. A
    /// counterexample that gives such a name a value of its own shows nothing; a reason not to report it, or null. Only a
    /// name the link's right side no longer has.
    /// </summary>
    private string? NamedByTheChain(Counterexample? ce, Operand left, Operand right)
    {
        // Only the link right after the definition (its formula on the left), rewritten in names it did not have.
        if (ce is null || _block is null || _chainHead is not { Node: Identifier head } chainHead || _chainSecond is null || !ReferenceEquals(_chainSecond.Node, left.Node)) return null;
        var headName = MathBinder.SymbolName(head, chainHead.Parsed);
        var blockLine = document.Source.GetPosition(_block.Offset).Line;
        if (!Definitions.Any(d => d.Name == headName && d.Position.Line >= blockLine)) return null;
        // A name the link's left side carries on from the definition and its right side replaces by a formula (y_k by H_k x_k);
        // a name on both sides (w = a + b = (a + b)^2) is a claim about it.
        static HashSet<string> Names(Operand o) => new(o.Node.DescendantsAndSelf().OfType<Identifier>().Select(i => MathBinder.SymbolName(i, o.Parsed)), StringComparer.Ordinal);
        var carried = Names(left);
        var replacing = Names(right);
        if (replacing.IsSubsetOf(carried)) return null;
        carried.ExceptWith(replacing);
        foreach (var name in ce.Values.Select(v => v.Key).Where(carried.Contains))
            if (_firstWritten.TryGetValue(name, out var first) && ReferenceEquals(first, _block) && !_givenNames.Contains(name) && !_scope.DefinesSymbol(name))
                return "the chain defines " + headName + " and goes on through " + name + ", a name first written here and given no value anywhere: it says what " +
                    name + " is rather than claiming an identity in it; not refuted";
        return null;
    }

    /// <summary>
    /// A reason not to report a refutation whose counterexample gives an accented name the document never defines and its
    /// base independent values (ᾱ_{t−1} and α_t), or null.
    /// </summary>
    private string? UntiedDerivedName(Counterexample? ce)
    {
        if (ce is null) return null;
        var names = ce.Values.Select(v => v.Key).ToList();
        foreach (var name in names)
        {
            // y^* beside y_k: a starred index the text ties to the family in words (DocumentRun.StarredNames).
            if (UntiedStarredName(name, names) is { } starred) return starred;
            if (AccentedName.Match(name) is not { Success: true } m || _givenNames.Contains(name)) continue;
            // ᾱ_{t−1} of the running product ᾱ_t = ∏_{s≤t} α_s of the forward chain's squared scales: the product of the factors
            // before α_t, free of it (only with the chain read, which ties α_t to the kernel's variance the step may use).
            if (_chain is { } chain && ChainProduct(chain) is { } product && product.Previous == name) continue;
            var stem = Ex.Sym(m.Groups[1].Value + m.Groups[2].Value).BaseName;
            var base_ = names.FirstOrDefault(other => !AccentedName.IsMatch(other) && Ex.Sym(other).BaseName == stem);
            // α_t := 1 − β_t: the base is written through names the counterexample gives values, so ᾱ is as untied from it,
            // unless the document defines the accented family too, written the same way (\bar{\alpha}_t := ∏ α_s ties
            // \bar{\alpha}_{t−1} to the α's; \bar{\alpha_t}, the accent over the subscript, is another name to SymKl).
            if (base_ is null && !Definitions.Any(d => AccentedName.Match(d.Name) is { Success: true } dm && dm.Groups[1].Value == m.Groups[1].Value))
                base_ = Definitions.Select(d => d.Name).FirstOrDefault(defined => !AccentedName.IsMatch(defined) && Ex.Sym(defined).BaseName == stem);
            if (base_ is null) continue;
            return "it gives " + name + " and " + base_ + " independent values, but the document never defines " + name +
                ", which such texts derive from " + stem + " by a convention they take for granted (a running product, a mean); not refuted";
        }
        return null;
    }
}
