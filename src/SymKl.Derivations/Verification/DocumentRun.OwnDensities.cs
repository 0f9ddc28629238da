using SymKl.Derivations.Numerics;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The text's own densities. A density the text never writes out is checked through random stand-ins (a random Gaussian
/// or binomial in place of p, a random joint in place of p(x, y)). A failure there refutes a statement only when the
/// statement must hold for EVERY density: both sides built from the same abstract densities, over the same ranges. A
/// statement that relates the text's p to a formula, a number, a table, a support (Σ_{x=0}^{n}, x ∈ {0, 1}) or another
/// name of its law, or that uses an independence the text states, is a property of the text's own density, which a
/// random stand-in does not have: it is not refuted that way. Nor does a counterexample give a number to a name that
/// stands for a distribution (P, Q in KL[P ‖ Q]).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The refutation reviewed against the rules above: unsupported with the reason, or the verdict (its
    /// counterexample without values for names of distributions).</summary>
    private Verdict OwnDensityReview(Verdict v, Operand left, Operand right, (Expr Lhs, Expr Rhs)? sides)
    {
        if (v.Kind != VerdictKind.Refuted) return v;
        if (sides is { } s && v.Counterexample is { } ce && ce.Values.Any(kv => AbstractDensities.IsInstanceParameter(kv.Key)))
        {
            var l = AbstractDensityNames(s.Lhs);
            var r = AbstractDensityNames(s.Rhs);
            // A side whose densities cancel as it is read (−∫ q log p + ∫ q log p) is still written with them: the statement
            // is built from the same densities on both sides, and it must hold for every density.
            var cancelled = false;
            var named = new HashSet<string>(l.Concat(r), StringComparer.Ordinal);
            if (l.Count == 0 && WrittenDensityNames(left, named) is { Count: > 0 } writtenL) (l, cancelled) = (writtenL, true);
            if (r.Count == 0 && WrittenDensityNames(right, named) is { Count: > 0 } writtenR) (r, cancelled) = (writtenR, true);
            // The difference of the sides free of every density (∫ q(z) dz = 2, E_q[c² + 1] = c²): wrong for every density.
            var densityFree = v.Residue is { } residue && AbstractDensityNames(residue).Count == 0;
            // An inequality between sides that both use densities may be a law for every pair (Gibbs: H(p) ≤ H(p, q)).
            var inequality = v.Reason.Contains("inequality", StringComparison.Ordinal);
            if (!densityFree && !l.SetEquals(r) && (!inequality || l.Count == 0 || r.Count == 0))
            {
                var only = l.Except(r).Concat(r.Except(l)).OrderBy(n => n, StringComparer.Ordinal).First();
                return OwnProperty(v, "it relates the text's own " + only + " to " + (l.Count == 0 || r.Count == 0 ? "a formula or a number free of it" : "other densities")
                    + " (its law, its values, a bound), which random densities in its place need not satisfy; a failure there refutes only a statement built from the same densities on both sides");
            }
            var all = new HashSet<string>(l, StringComparer.Ordinal);
            var ls = Ranges(s.Lhs, all);
            var rs = Ranges(s.Rhs, all);
            if (!cancelled && !ls.SetEquals(rs))
            {
                var range = ls.Except(rs).Concat(rs.Except(ls)).OrderBy(n => n, StringComparer.Ordinal).First();
                return OwnProperty(v, "one side takes the densities over " + range + " and the other does not: the support of the text's own law, which random densities in its place do not share");
            }
        }
        if (v.Counterexample is { } values && DensityGivenNumber(values, left, right) is { } density)
            return OwnProperty(v, "its counterexample gives " + density + " a number, but the statement applies " + density + " as a density (a joint or a conditional): a name that stands for a distribution is never a number");
        // A random joint (linear-Gaussian, or a random table for discrete variables) in place of the text's own.
        if (v.Reason.Contains("comes from one joint per density name", StringComparison.Ordinal) || v.Reason.Contains("the joint table over", StringComparison.Ordinal))
        {
            if (TwoSpellings(left, right) is { } spelled)
                return OwnProperty(v, "it writes the density " + spelled + " in two styles (its letter is also a variable here), which are one density of the text; the random model took them for two");
            // Not in a formula for an information measure (I(X; Y) = Σ p(x, y) log p(x, y)/(p(x) p(y))): that holds for every joint.
            if (MentionsIndependence() && !WritesInformationMeasure(left, right) && IndependenceFactorisation(left, right) is { } product)
                return OwnProperty(v, "it writes " + product + ", the factorisation of independent variables, and the document speaks of independence; a random joint is not independent, so its failure there shows no mistake");
        }
        return WithoutLawValues(v, sides);
    }

    private static Verdict OwnProperty(Verdict refuted, string reason) =>
        new(VerdictKind.Unsupported, reason + "; not refuted (" + refuted.Reason + ")", refuted.Residue, null, refuted.PointsChecked);

    /// <summary>The undefined densities a side uses (applied, as a law of an expectation, or in KL, H), P and p as one name.</summary>
    private HashSet<string> AbstractDensityNames(Expr e)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Traversal.Any(e, x =>
        {
            if (x is Apply ap && IsAbstractDensity(ap.Name)) found.Add(ap.Name.ToLowerInvariant());
            else if (x is Functional f)
                foreach (var a in f.Args)
                    if (a is Sym s && IsAbstractDensity(s.Name)) found.Add(s.Name.ToLowerInvariant());
            return false;
        });
        return found;
    }

    /// <summary>The densities among <paramref name="known"/> that a side applies as written (p(z)), before it is read.</summary>
    private static HashSet<string> WrittenDensityNames(Operand side, HashSet<string> known) =>
        new(side.Node.DescendantsAndSelf().OfType<Call>().Select(c => c.Callee).OfType<Identifier>()
            .Select(f => MathBinder.FunctionName(f, side.Parsed).ToLowerInvariant()).Where(known.Contains), StringComparer.Ordinal);

    private bool IsAbstractDensity(string name) =>
        !_scope.Context.IsKnownFunction(name) && Families.Find(name) is null && !Checking.NetworkOutputs.IsNetwork(name);

    /// <summary>
    /// The ranges over which a side sums or integrates the densities (or takes KL, H, an expectation of them: the whole
    /// space): "all", or "lower … upper". An integral from −∞ to ∞ is over all of the line.
    /// </summary>
    private static HashSet<string> Ranges(Expr e, HashSet<string> densities)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        bool Uses(Expr body) => Traversal.Any(body, x => x is Apply ap && densities.Contains(ap.Name.ToLowerInvariant())
            || x is Functional f && f.Args.Any(a => a is Sym s && densities.Contains(s.Name.ToLowerInvariant())));
        Traversal.Any(e, x =>
        {
            switch (x)
            {
                case RangedBinderNode b when Uses(b.Body):
                    found.Add(b.Lower is null || b.Upper is null || Infinite(b.Lower) && Infinite(b.Upper) ? "all"
                        : LatexPrinter.Print(b.Lower) + " … " + LatexPrinter.Print(b.Upper));
                    break;
                case Functional f when Uses(f):
                    found.Add("all");
                    break;
                case Symbolic.Expectation ex when Uses(ex.Distribution):
                    found.Add("all");
                    break;
            }
            return false;
        });
        return found;
    }

    private static bool Infinite(Expr bound) => Traversal.FreeSymbols(bound).Any(s => s.Equals(Ex.Infinity));

    /// <summary>
    /// KL[P ‖ Q] read with P and Q as laws: the values the sampler drew for those names are no part of the counterexample
    /// (a name that stands for a distribution is never a number), unless the statement also uses the name as a number.
    /// </summary>
    private static Verdict WithoutLawValues(Verdict v, (Expr Lhs, Expr Rhs)? sides)
    {
        if (sides is not { } s || v.Counterexample is not { } ce) return v;
        var laws = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Expr e)
        {
            if (e is Functional f)
            {
                foreach (var a in f.Args)
                    if (a is Sym law) laws.Add(law.Name);
                    else Walk(a);
                return;
            }
            if (e is Sym sym) numbers.Add(sym.Name);
            foreach (var c in e.Children) Walk(c);
        }
        Walk(s.Lhs);
        Walk(s.Rhs);
        laws.ExceptWith(numbers);
        if (laws.Count == 0 || !ce.Values.Any(kv => laws.Contains(kv.Key))) return v;
        return v with { Counterexample = ce with { Values = ce.Values.Where(kv => !laws.Contains(kv.Key)).ToList() } };
    }

    /// <summary>p in p(x | y) or p(x, y) (a density letter the document does not define) that the counterexample gives a value.</summary>
    private string? DensityGivenNumber(Counterexample ce, Operand left, Operand right)
    {
        var keys = new HashSet<string>(ce.Values.Select(kv => kv.Key.IndexOf('[') is var b and > 0 ? kv.Key.Substring(0, b) : kv.Key), StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            foreach (var n in ModelCheck.Walk(side.Node))
                if (n is Call { Callee: Identifier id } call && (call.Arguments.Count > 1 || call.Separators.Any(x => x.Text is "|" or ";"))
                    && ModelCheck.IsDensityName(id, side.Parsed, _scope.IsDefinedFunction)
                    && (keys.Contains(id.Name) || keys.Contains(MathBinder.SymbolName(id, side.Parsed))))
                    return id.Name;
        return null;
    }

    /// <summary>
    /// p(x) and \mathrm{p}(x, p): one density letter written in two styles in one statement (the italic letter is also a
    /// variable there, so the text sets the density upright). The name of the letter, or null.
    /// </summary>
    private static string? TwoSpellings(Operand left, Operand right)
    {
        var styles = new Dictionary<string, NameStyle>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            foreach (var n in ModelCheck.Walk(side.Node))
                if (n is Call { Callee: Identifier { Subscript: null, Accent: null } id })
                {
                    if (styles.TryGetValue(id.Name, out var other) && other != id.Style && (other is NameStyle.Roman || id.Style is NameStyle.Roman)) return id.Name;
                    styles[id.Name] = id.Style;
                }
        return null;
    }

    /// <summary>What may stand between two factors of a product: white space, \\cdot, \\times, thin spaces, *.</summary>
    private static readonly System.Text.RegularExpressions.Regex ProductGap =
        new(@"^(\s|\\cdot|\\times|\\,|\\;|\\:|\\!|\*)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>I, H or KL applied in the statement.</summary>
    private static bool WritesInformationMeasure(Operand left, Operand right) =>
        new[] { left, right }.Any(side => ModelCheck.Walk(side.Node).Any(n => n is Call { Callee: Identifier id } && (ModelCheck.IsInformationOperator(id) || id is { Name: "I", Subscript: null })));

    private bool? _mentionsIndependence;

    /// <summary>The document speaks of independent variables (in words or with ⊥).</summary>
    private bool MentionsIndependence() => _mentionsIndependence ??=
        document.Source.Text.IndexOf("independen", StringComparison.OrdinalIgnoreCase) >= 0
        || document.Source.Text.Contains("\\perp", StringComparison.Ordinal);

    /// <summary>
    /// p(x, y) or p(x | y) beside p(x) p(y): a product of one density letter's marginals in two or more of the variables that
    /// a joint or conditional of the same letter in the statement relates. Its text, or null.
    /// </summary>
    private static string? IndependenceFactorisation(Operand left, Operand right)
    {
        var related = new List<HashSet<string>>();
        var marginals = new List<(Identifier Letter, string Variable, SyntaxNode Node, ParseResult Parsed)>();
        foreach (var side in new[] { left, right })
            foreach (var n in ModelCheck.Walk(side.Node))
                if (n is Call { Callee: Identifier id } call && id.Name is "p" or "P" or "q" or "Q" or "f")
                {
                    var names = call.Arguments.Select(a => side.Parsed.GetText(a.Span).Trim()).ToList();
                    if (names.Count >= 2) related.Add(new HashSet<string>(names, StringComparer.Ordinal));
                    else if (names.Count == 1 && call.Arguments[0] is Identifier) marginals.Add((id, names[0], n, side.Parsed));
                }
        if (related.Count == 0) return null;
        // Two marginals of distinct variables of one joint, multiplied (side by side, \cdot, \,): the product the joint
        // factorises into.
        foreach (var (letter, variable, node, parsed) in marginals)
            foreach (var (other, second, otherNode, otherParsed) in marginals)
                if (letter.Name == other.Name && variable != second && ReferenceEquals(parsed, otherParsed) && node.Span.End <= otherNode.Span.Start
                    && related.Any(set => set.Contains(variable) && set.Contains(second))
                    && ProductGap.IsMatch(parsed.GetText(TextSpan.FromBounds(node.Span.End, otherNode.Span.Start))))
                    return parsed.GetText(node.Span).Trim() + " " + parsed.GetText(otherNode.Span).Trim();
        return null;
    }
}
