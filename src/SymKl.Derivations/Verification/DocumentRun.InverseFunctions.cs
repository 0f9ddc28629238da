using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using Group = SymKl.Latex.Syntax.Group;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Z = g(X), then F_X(g^{-1}(z)): a name the text applies to arguments, written with ^{-1} before a bracket, is the
/// inverse function at that argument. SymKl reads g^{-1}(z) as g⁻¹ times z, with g a number; a counterexample that
/// chooses a value for g then chooses one for a function, which is no genuine free parameter. Such a refutation is
/// <c>unsupported</c>. A name the text never applies (a^{-1}(b + c) with a a number) keeps its refutation, and so does a
/// step whose difference does not involve the name (wrong whatever g^{-1}(z) means).
/// </summary>
internal sealed partial class DocumentRun
{
    private const int MaxInverseScan = 4_000;

    private Verdict? InverseFunctionReading(Operand left, Operand right, Verdict refuted)
    {
        if (refuted.Kind != VerdictKind.Refuted || refuted.Counterexample is not { } ce) return null;
        foreach (var side in new[] { left, right })
        {
            var seen = 0;
            foreach (var node in side.Node.DescendantsAndSelf())
            {
                if (++seen > MaxInverseScan) return null;
                if (node is not ImplicitMultiplication m) continue;
                for (var i = 0; i + 1 < m.Factors.Count; i++)
                {
                    if (m.Factors[i] is not Power { Base: Identifier { Primes: 0 } f, Exponent: var exponent } || m.Factors[i + 1] is not Group { Left: Bracket.Paren }) continue;
                    if (side.Parsed.GetText(exponent.Span).Trim('{', '}', ' ') != "-1") continue;
                    var name = MathBinder.SymbolName(f, side.Parsed);
                    if (!ce.Values.Any(kv => kv.Key == name) || !AppliedInText(f.Name, f.Subscript is { } sub ? side.Parsed.GetText(sub.Span).Trim().Trim('{', '}').Trim() : null)) continue;
                    // g^{-1}(z) + 1 = g^{-1}(z) + 2: a difference that does not involve g is wrong whatever g^{-1}(z) means.
                    // But log|J⁻¹(s)| + log|J(s)| read as products leaves 2 log|s|: the bracket's letters count as the name does.
                    var bracket = new HashSet<string>(m.Factors[i + 1].DescendantsAndSelf().OfType<Identifier>().Select(x => MathBinder.SymbolName(x, side.Parsed)), StringComparer.Ordinal);
                    if (refuted.Residue is { } residue && !Traversal.FreeSymbols(residue).Any(x => x.Name == name || bracket.Contains(x.Name))) continue;
                    return new Verdict(VerdictKind.Unsupported, "it reads " + side.Parsed.GetText(TextSpan.FromBounds(m.Factors[i].Span.Start, m.Factors[i + 1].Span.End)).Trim()
                        + " as " + name + "⁻¹ times the bracket, with " + name + " a number; but the text applies " + name + " to arguments, so this is most likely the inverse function, which SymKl does not read; a counterexample may only choose genuine free parameters ("
                        + refuted.Reason + ")", refuted.Residue, null, refuted.PointsChecked);
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The name (a letter, or a command such as \phi) written somewhere in the document right before an opening bracket: g(X),
    /// g\left(x\right); with its subscript when it has one (J_g(x), J_{g}(x): the Jacobian of g, a function of x).
    /// </summary>
    private bool AppliedInText(string name, string? subscript = null)
    {
        var written = name.Length == 1 ? Regex.Escape(name) : @"\\" + Regex.Escape(name);
        if (subscript is { Length: > 0 })
        {
            var sub = Regex.Escape(subscript);
            written += @"_(?:\{\s*" + sub + @"\s*\}|" + sub + @"(?![A-Za-z0-9]))";
        }
        return Regex.IsMatch(document.Source.Text, @"(?<![A-Za-z\\])" + written + @"\s*(?:\(|\\left\s*\(|\\big[gl]?\s*\()", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
