using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The diffusion-model convention α_t = 1 − β_t and ᾱ_t = ∏_{s≤t} α_s (so ᾱ_t = α_t ᾱ_{t−1}, ᾱ_1 = α_1, ᾱ_0 = 1), which
/// posts write their algebra in and often never state. A step that fails with α_t, β_t, ᾱ_t, ᾱ_{t−1} free but holds once
/// they are tied so is confirmed under that convention, and the reason says so; a step that fails under it too keeps its
/// verdict (nothing is refuted on a convention). Names the document gives another value (α_t = √(1 − β_t), a cosine
/// schedule for ᾱ_t) are left as the document has them.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>What the document's relations give the α-family names (name → the other side, as written, spaces and braces dropped).</summary>
    private readonly Dictionary<string, List<string>> _conventionValues = new(StringComparer.Ordinal);

    /// <summary>The document writes ᾱ (\bar\alpha, \overline{\alpha}) somewhere: it uses the diffusion notation.</summary>
    private bool _writesAlphaBar;

    private static readonly Regex AlphaBarWritten = new(@"\\(?:bar|overline)\s*\{?\s*\\alpha", RegexOptions.CultureInvariant);

    private static readonly Regex BoldName = new(@"^\\(?:mathbf|boldsymbol|bm)\{([^{}]+)\}(.*)$", RegexOptions.CultureInvariant);

    private const string AlphaBase = "alpha", BetaBase = "beta", AlphaBarBase = "\\bar{alpha}", BetaBarBase = "\\bar{beta}";

    /// <summary>The pre-pass: the values the document's relations give α_k and ᾱ_k.</summary>
    private void CollectConventionValues(string math, IEnumerable<LatexRelation> relations, ParseResult parsed)
    {
        if (AlphaBarWritten.IsMatch(math)) _writesAlphaBar = true;
        foreach (var relation in relations)
            for (var i = 0; i < relation.Operators.Count; i++)
            {
                if (relation.Operators[i].Kind is not (RelationKind.Equal or RelationKind.Define) || relation.Operators[i].Negated) continue;
                foreach (var (named, other) in new[] { (relation.Operands[i], relation.Operands[i + 1]), (relation.Operands[i + 1], relation.Operands[i]) })
                {
                    if (named is not Identifier id || Checking.IndexedSums.Split(MathBinder.SymbolName(id, parsed)) is not { } parts || parts.Base is not (AlphaBase or AlphaBarBase)) continue;
                    var name = parts.Base + "_" + parts.Key;
                    if (!_conventionValues.TryGetValue(name, out var values)) _conventionValues[name] = values = [];
                    values.Add(Compact(parsed.GetText(other.Span)));
                }
            }
    }

    private static string Compact(string text) => Regex.Replace(text.Replace("\\left", "").Replace("\\right", ""), @"[\s{}()]", "");

    /// <summary>
    /// Every value the document gives the name is the convention's: α_k = 1 − β_k; ᾱ_k a product of α's (\prod, or
    /// α_k ᾱ_{k−1}). A name it gives no value is free for the convention too.
    /// </summary>
    private bool ConventionalValue(string name, string key)
    {
        if (!_conventionValues.TryGetValue(name, out var values)) return true;
        var k = key.Replace("{", "").Replace("}", "");
        return name.StartsWith(AlphaBarBase, StringComparison.Ordinal)
            // ∏_{s ≤ t} α_s, or ∏_{s ≤ t} (1 − β_s) (the same product with α_s = 1 − β_s written out).
            ? values.All(v => v.Contains("\\prod", StringComparison.Ordinal) && (v.Contains("\\alpha", StringComparison.Ordinal) || v.Contains("1-\\beta", StringComparison.Ordinal)))
            : values.All(v => v == "1-\\beta_" + k || v == "-\\beta_" + k + "+1");
    }

    /// <summary>A subscript as a stem and an offset: t → (t, 0), t-1 → (t, −1), 3 → ("", 3); null for anything else.</summary>
    private static (string Stem, int Offset)? IndexKey(string key)
    {
        var m = Regex.Match(key.Replace("{", "").Replace("}", ""), @"^(?:([A-Za-z])([+-]\d)?|(\d))$", RegexOptions.CultureInvariant);
        if (!m.Success) return null;
        if (m.Groups[3].Success) return ("", m.Groups[3].Value[0] - '0');
        return (m.Groups[1].Value, m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static string KeyText((string Stem, int Offset) k) =>
        k.Stem.Length == 0 ? k.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : k.Offset == 0 ? k.Stem : k.Stem + (k.Offset > 0 ? "+" : "") + k.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The sides with the convention put in: ᾱ_k = α_k ᾱ_{k−1} where ᾱ_{k−1} or α_k is written beside it (ᾱ_1 = α_1,
    /// ᾱ_0 = 1), then α_k = 1 − β_k where a β is written. Null when it changes nothing or a name has another value.
    /// </summary>
    private (Expr Lhs, Expr Rhs, List<string> Used)? WithStandardConvention(Expr lhs, Expr rhs)
    {
        var used = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            var names = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name), StringComparer.Ordinal);
            var renaming = new Dictionary<Sym, Expr>();
            foreach (var name in names)
            {
                if (Checking.IndexedSums.Split(name) is not { Base: AlphaBarBase } parts || IndexKey(parts.Key) is not { } key || !ConventionalValue(name, parts.Key)) continue;
                var before = (key.Stem, key.Offset - 1);
                var factor = AlphaBase + "_" + KeyText(key);
                var previous = AlphaBarBase + "_" + KeyText(before);
                if (key is { Stem: "", Offset: 0 }) renaming[Ex.Sym(name)] = Ex.One;
                else if (key is { Stem: "", Offset: 1 }) renaming[Ex.Sym(name)] = Ex.Sym(factor);
                else if ((names.Contains(previous) || names.Contains(factor)) && ConventionalValue(previous, KeyText(before)))
                    renaming[Ex.Sym(name)] = Ex.Mul(Ex.Sym(factor), Ex.Sym(previous));
            }
            if (renaming.Count == 0) break;
            used.Add("ᾱ_t = α_t ᾱ_{t−1}");
            (lhs, rhs) = (Traversal.Substitute(lhs, renaming), Traversal.Substitute(rhs, renaming));
        }
        // β̄_k = 1 − ᾱ_k, the noise variance of the sample (some posts write √β̄_t ε), when the text gives β̄ no value.
        var bars = new Dictionary<Sym, Expr>();
        foreach (var name in Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name).Distinct())
            if (Checking.IndexedSums.Split(name) is { Base: BetaBarBase } parts && IndexKey(parts.Key) is { } key && !_conventionValues.ContainsKey(name) && !_givenNames.Contains(name))
                bars[Ex.Sym(name)] = Ex.Sub(Ex.One, Ex.Sym(AlphaBarBase + "_" + KeyText(key)));
        if (bars.Count > 0)
        {
            used.Add("β̄_t = 1 − ᾱ_t");
            (lhs, rhs) = (Traversal.Substitute(lhs, bars), Traversal.Substitute(rhs, bars));
            if (WithStandardConvention(lhs, rhs) is { } more) return (more.Lhs, more.Rhs, used.Concat(more.Used).Distinct().ToList());
            return (lhs, rhs, used);
        }
        var all = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name), StringComparer.Ordinal);
        if (all.Any(n => Checking.IndexedSums.Split(n) is { Base: BetaBase }))
        {
            var alphas = new Dictionary<Sym, Expr>();
            foreach (var name in all)
                if (Checking.IndexedSums.Split(name) is { Base: AlphaBase } parts && IndexKey(parts.Key) is not null && ConventionalValue(name, parts.Key))
                    alphas[Ex.Sym(name)] = Ex.Sub(Ex.One, Ex.Sym(BetaBase + "_" + parts.Key.Replace("{", "").Replace("}", "")));
            if (alphas.Count > 0)
            {
                used.Add("α_t = 1 − β_t");
                (lhs, rhs) = (Traversal.Substitute(lhs, alphas), Traversal.Substitute(rhs, alphas));
            }
        }
        return used.Count == 0 ? null : (lhs, rhs, used.Distinct().ToList());
    }

    /// <summary>The sides read as scalars (a statement the vector reading decided): for the convention's second look only.</summary>
    private (Expr Lhs, Expr Rhs)? ScalarSides(Operand left, Operand right)
    {
        if (!_writesAlphaBar) return null;
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope).Value;
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        return l is null || r is null ? null : (_scope.SubstituteSymbols(l), _scope.SubstituteSymbols(r));
    }

    /// <summary>
    /// A failure (refuted, or withheld with a counterexample or a residue) of a statement in the diffusion notation, checked again under
    /// the convention: confirmed when it holds there (never proved: the convention is read in, not stated), else unchanged.
    /// </summary>
    private Verdict UnderStandardConvention(Verdict v, Expr lhs, Symbolic.Relation relation, Expr rhs)
    {
        if (v.Holds || !_writesAlphaBar || v.Kind == VerdictKind.Unsupported && v.Counterexample is null && v.Residue is null) return v;
        if (WithStandardConvention(lhs, rhs) is not { } tied) return v;
        // x_t and \mathbf{x}_t in one statement are one vector in such texts (a bold letter dropped in one place).
        var plain = new Dictionary<Sym, Expr>();
        var names = new HashSet<string>(Traversal.FreeSymbols(tied.Lhs).Concat(Traversal.FreeSymbols(tied.Rhs)).Select(s => s.Name), StringComparer.Ordinal);
        foreach (var name in names)
            if (BoldName.Match(name) is { Success: true } bold && names.Contains(bold.Groups[1].Value + bold.Groups[2].Value))
                plain[Ex.Sym(name)] = Ex.Sym(bold.Groups[1].Value + bold.Groups[2].Value);
        if (plain.Count > 0) tied = (Traversal.Substitute(tied.Lhs, plain), Traversal.Substitute(tied.Rhs, plain), tied.Used);
        var assumptions = _scope.Assumptions;
        foreach (var s in Traversal.FreeSymbols(tied.Lhs).Concat(Traversal.FreeSymbols(tied.Rhs)).Distinct())
            if (Checking.IndexedSums.Split(s.Name) is { Base: AlphaBase or BetaBase or AlphaBarBase } && assumptions.DomainOf(s) == Domain.Real)
                assumptions = assumptions.With(s.Name, Domain.UnitInterval);
        Verdict again;
        try { again = Checking.StepChecker.Check(tied.Lhs, relation, tied.Rhs, assumptions, _scope.Context, options.Seed); }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return v; }
        if (!again.Holds) return v;
        return new Verdict(VerdictKind.Confirmed, "it holds under the diffusion convention " + string.Join(" and ", tied.Used) +
            " (ᾱ the running product of the α's, each in (0, 1))" + (plain.Count > 0 ? ", bold and plain " + string.Join(", ", plain.Values) + " one vector" : "") +
            ", which the text writes this notation in without stating all of it; confirmed under that convention only (" + v.Reason + ")",
            null, null, again.PointsChecked);
    }
}
