using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What a document's definitions say about its abstract probability model. A density or quantity defined by a formula
/// over undefined densities (p_θ(x, z) = p(x | z) p(z), \mathcal{L}(p, q) = E_{q(z)}[log p(x, z) − log q(z)],
/// ELBO = …) is written out wherever it is used, its parameters renamed to the arguments of the use; a joint defined
/// that way also gives its marginals and conditionals (p_θ(x) = ∫ p_θ(x, z) dz, p_θ(x | z) = p_θ(x, z) / p_θ(z)).
/// A density name defined with a family for one shape only (p(x | z_k; θ) = 𝒩(x; μ_k, Σ_k)) says nothing about its
/// other shapes (p(x, z; θ_t)): a statement that uses only those is about an arbitrary model of that name, which can
/// confirm it but not refute it.
/// </summary>
internal sealed class ModelDefinitions
{
    private const int MaxExpandedLength = 4000;
    private const int MaxRounds = 3;

    /// <summary>A definition; Factorised: a mean-field product over blocks (<see cref="IsBlockFactorisation"/>), never written out.</summary>
    private sealed record Entry(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<string> Separators, string Formula, bool Abstract, bool IsCall, bool Factorised = false, Identifier? BlockOf = null);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A side after the definitions were written out, and the density names it may treat as arbitrary models.</summary>
    public sealed record Expansion(SyntaxNode Node, ParseResult Parsed, bool Changed);

    /// <summary>Records the definition of a function (target a call) or a name (target an identifier) by a formula.</summary>
    public void Remember(SyntaxNode target, SyntaxNode formula, ParseResult parsed, Func<string, bool> isDefined)
    {
        string name;
        List<string> parameters = [];
        List<string> separators = [];
        switch (target)
        {
            case Call { Callee: Identifier id } call:
                name = MathBinder.FunctionName(id, parsed);
                if (call.Arguments.Any(a => a is not Identifier)) { _entries.Remove(name); return; }
                parameters = call.Arguments.Select(a => ModelCheck.Atom(a, parsed)).ToList();
                separators = call.Separators.Select(s => s.Text).ToList();
                break;
            case Identifier id:
                name = MathBinder.SymbolName(id, parsed);
                break;
            default:
                return;
        }
        if (target is Call factorised && IsBlockFactorisation(factorised, formula))
        {
            _entries[name] = new Entry(name, parameters, separators, parsed.GetText(formula.Span), Abstract: false, IsCall: true, Factorised: true,
                BlockOf: (Identifier)factorised.Arguments[0]);
            return;
        }
        var abstractFormula = IsAbstract(formula, parsed, n => n != name && isDefined(n));
        var densityName = target is Call { Callee: Identifier callee } && callee.Name is "p" or "q" or "P" or "Q";
        if (!abstractFormula && !densityName) { _entries.Remove(name); return; }
        _entries[name] = new Entry(name, parameters, separators, parsed.GetText(formula.Span), abstractFormula, target is Call);
    }

    /// <summary>Records a definition for one check (a definition the document gives elsewhere); the action restores what was there.</summary>
    public Action Temporarily(SyntaxNode target, SyntaxNode formula, ParseResult parsed, Func<string, bool> isDefined)
    {
        var before = new Dictionary<string, Entry>(_entries, StringComparer.Ordinal);
        Remember(target, formula, parsed, isDefined);
        return () =>
        {
            _entries.Clear();
            foreach (var pair in before) _entries[pair.Key] = pair.Value;
        };
    }

    /// <summary>The name is defined anew by something these definitions do not describe.</summary>
    public void Forget(string name) => _entries.Remove(name);

    /// <summary>
    /// The side with every use of an abstract definition written out (null when nothing was), and the density names
    /// defined for another shape only, which the statement may treat as arbitrary models (confirm, never refute).
    /// </summary>
    public Expansion Expand(SyntaxNode node, ParseResult parsed, Func<string, bool> isDefined)
    {
        if (_entries.Count == 0 || !_entries.Values.Any(e => e.Abstract)) return new Expansion(node, parsed, false);
        var text = parsed.GetText(node.Span);
        var current = node;
        var currentParsed = parsed;
        var changed = false;
        for (var round = 0; round < MaxRounds; round++)
        {
            var replacements = new List<(TextSpan Span, string Text)>();
            Collect(current, currentParsed, replacements);
            if (replacements.Count == 0) break;
            var start = current.Span.Start;
            var builder = new System.Text.StringBuilder();
            var at = start;
            foreach (var (span, replacement) in replacements.OrderBy(r => r.Span.Start))
            {
                if (span.Start < at) return new Expansion(node, parsed, false);
                builder.Append(currentParsed.Text, at, span.Start - at).Append(replacement);
                at = span.End;
            }
            builder.Append(currentParsed.Text, at, current.Span.End - at);
            text = builder.ToString();
            if (text.Length > MaxExpandedLength) return new Expansion(node, parsed, false);
            var reparsed = LatexParser.ParseExpression(text);
            if (reparsed.HasErrors || reparsed.Expression is null) return new Expansion(node, parsed, false);
            (current, currentParsed, changed) = (reparsed.Expression, reparsed, true);
        }
        return new Expansion(current, currentParsed, changed);
    }

    /// <summary>
    /// Density names defined for one shape that this statement uses only in other shapes: the statement is about an
    /// arbitrary model of those names. Null when the statement uses a defined shape itself (the definition applies).
    /// </summary>
    public HashSet<string>? ArbitraryDensities(IEnumerable<(SyntaxNode Node, ParseResult Parsed)> sides, Func<string, bool> isDefined)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (side, parsed) in sides)
            foreach (var n in ModelCheck.Walk(side))
            {
                if (n is not Call { Callee: Identifier { Name: "p" or "q" or "P" or "Q" } id } call) continue;
                var name = MathBinder.FunctionName(id, parsed);
                if (!isDefined(name)) continue;
                if (!_entries.TryGetValue(name, out var entry) || entry.Abstract || !entry.IsCall) return null;
                // A mean-field factorisation restricts the density to a family: a statement true of every density holds for it.
                if (SameShape(entry, call, parsed) && !entry.Factorised) return null;
                names.Add(name);
            }
        return names;
    }

    /// <summary>Whether the name is defined by a mean-field factorisation (an arbitrary model may confirm, and must not refute).</summary>
    public bool IsFactorised(string name) => _entries.TryGetValue(name, out var entry) && entry.Factorised;

    /// <summary>
    /// Whether a side names a block (Z_j) of the variable a factorised density of <paramref name="names"/> is over: the
    /// models take Z_j for a variable of its own, while it is a part of Z (E_{q(Z)}[f(Z_j)] is a number, not f(Z_j)).
    /// </summary>
    public bool MentionsBlock(IEnumerable<string> names, IEnumerable<SyntaxNode> sides)
    {
        var variables = names.Where(IsFactorised).Select(n => _entries[n].BlockOf).OfType<Identifier>().ToList();
        if (variables.Count == 0) return false;
        return sides.SelectMany(ModelCheck.Walk).OfType<Identifier>().Any(id => id.Subscript is not null
            && variables.Any(v => v.Name == id.Name && v.Style == id.Style && v.Accent == id.Accent && v.Decoration == id.Decoration && v.Primes == id.Primes));
    }

    /// <summary>
    /// q(Z) = ∏_i q_i(Z_i) (also \prod_{i=1}^{M}, q(Z_i)): a product over an index of one factor per block Z_i of the
    /// density's one variable Z. SymKl cannot write the blocks out, so the definition only says that q belongs to the
    /// mean-field family: a statement that holds for every density q holds for it, and one that fails for some q may
    /// still hold for the factorised one.
    /// </summary>
    private static bool IsBlockFactorisation(Call target, SyntaxNode formula)
    {
        if (target.Arguments.Count != 1 || target.Separators.Count != 0 || target.Arguments[0] is not Identifier { Subscript: null } variable) return false;
        if (formula is not Product { Body: Call { Arguments.Count: 1, Separators.Count: 0 } factor } product) return false;
        var index = product.Lower switch
        {
            Identifier { Subscript: null } i => i.Name,
            // i = 1 (not i ≠ j: a product over every block but one)
            Latex.Syntax.Relation { Operands.Count: 2 } r when r.Operators[0] is { Kind: RelationKind.Equal, Negated: false } && r.Operands[0] is Identifier { Subscript: null } i => i.Name,
            _ => null,
        };
        return index is not null && factor.Arguments[0] is Identifier { Subscript: Identifier { Subscript: null } sub } block
            && sub.Name == index && block.Name == variable.Name && block.Style == variable.Style && block.Accent == variable.Accent
            && block.Decoration == variable.Decoration && block.Primes == variable.Primes;
    }

    private static bool SameShape(Entry entry, Call call, ParseResult parsed) =>
        call.Arguments.Select(a => ModelCheck.Atom(a, parsed)).SequenceEqual(entry.Parameters, StringComparer.Ordinal)
        && call.Separators.Select(s => s.Text).SequenceEqual(entry.Separators, StringComparer.Ordinal);

    private void Collect(SyntaxNode node, ParseResult parsed, List<(TextSpan, string)> replacements)
    {
        switch (node)
        {
            case Call { Callee: Identifier id } call when _entries.TryGetValue(MathBinder.FunctionName(id, parsed), out var entry) && entry is { Abstract: true, IsCall: true }:
                if (Written(entry, call, parsed) is { } written) replacements.Add((call.Span, written));
                return;
            case Identifier id when _entries.TryGetValue(MathBinder.SymbolName(id, parsed), out var entry) && entry is { Abstract: true, IsCall: false }:
                replacements.Add((id.Span, "\\left(" + entry.Formula + "\\right)"));
                return;
        }
        foreach (var child in node.Children()) Collect(child, parsed, replacements);
    }

    /// <summary>
    /// The use written out: the formula with its parameters renamed when the use has the definition's shape; for a
    /// joint (no '|' or ';' in the definition) applied to some of its variables, the marginal ∫ J d(others) or the
    /// conditional ∫ J d(others) / ∫ J d(others and the conditioned ones).
    /// </summary>
    private static string? Written(Entry entry, Call call, ParseResult parsed)
    {
        if (call.Arguments.Any(a => a is not Identifier)) return null;
        var args = call.Arguments.Select(a => ModelCheck.Atom(a, parsed)).ToList();
        var separators = call.Separators.Select(s => s.Text).ToList();
        if (args.Count == entry.Parameters.Count && separators.SequenceEqual(entry.Separators, StringComparer.Ordinal))
            return Renamed(entry.Formula, entry.Parameters, args) is { } renamed ? "\\left(" + renamed + "\\right)" : null;
        if (entry.Separators.Any(s => s != ",") || separators.Any(s => s is not ("," or "|")) || separators.Count(s => s == "|") > 1) return null;
        if (args.Distinct(StringComparer.Ordinal).Count() != args.Count || !args.All(entry.Parameters.Contains)) return null;
        var bar = separators.IndexOf("|");
        var given = bar < 0 ? [] : args.Skip(bar + 1).ToList();
        var others = entry.Parameters.Where(p => !args.Contains(p)).ToList();
        var numerator = Integrated(entry.Formula, others);
        if (given.Count == 0) return "\\left(" + numerator + "\\right)";
        var denominator = Integrated(entry.Formula, others.Concat(args.Take(bar + 1)).ToList());
        return "\\left(\\frac{" + numerator + "}{" + denominator + "}\\right)";
    }

    private static string Integrated(string formula, IReadOnlyList<string> variables)
    {
        var text = formula;
        foreach (var v in variables) text = "\\int \\left(" + text + "\\right) \\, d" + v;
        return text;
    }

    /// <summary>The formula with each parameter (a whole name, not a subscript of another) replaced by the argument.</summary>
    private static string? Renamed(string formula, IReadOnlyList<string> parameters, IReadOnlyList<string> arguments)
    {
        if (parameters.SequenceEqual(arguments, StringComparer.Ordinal)) return formula;
        var parsed = LatexParser.ParseExpression(formula);
        if (parsed.HasErrors || parsed.Expression is null) return null;
        var replacements = new List<(TextSpan Span, string Text)>();
        var pending = new Stack<SyntaxNode>();
        pending.Push(parsed.Expression);
        while (pending.Count > 0)
        {
            var n = pending.Pop();
            if (n is Identifier id)
            {
                var i = IndexOf(parameters, ModelCheck.Atom(id, parsed));
                if (i >= 0 && arguments[i] != parameters[i]) replacements.Add((id.Span, arguments[i]));
                continue;
            }
            foreach (var c in n.Children()) pending.Push(c);
        }
        var builder = new System.Text.StringBuilder();
        var at = 0;
        // A node the tree reaches twice (the variable of d/dφ is also a child of the derivative) is renamed once; spans
        // that overlap otherwise would make the text ambiguous, so nothing is written out.
        foreach (var (span, text) in replacements.OrderBy(r => r.Span.Start).ThenBy(r => r.Span.End))
        {
            if (span.Start < at)
            {
                if (span.End <= at) continue;
                return null;
            }
            builder.Append(formula, at, span.Start - at).Append(' ').Append(text).Append(' ');
            at = span.End;
        }
        return builder.Append(formula, at, formula.Length - at).ToString();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }

    /// <summary>A formula over undefined densities (at least one), KL and entropies, and no other function (a family, a defined one).</summary>
    private bool IsAbstract(SyntaxNode formula, ParseResult parsed, Func<string, bool> isDefined)
    {
        var densities = 0;
        foreach (var n in ModelCheck.Walk(formula))
        {
            if (n is not Call { Callee: var callee } call) continue;
            if (callee is not Identifier id) return false;
            // A density defined for another shape only is, in this shape, an arbitrary one.
            var name = MathBinder.FunctionName(id, parsed);
            var otherShape = _entries.TryGetValue(name, out var entry) && entry is { Abstract: false, IsCall: true } && !SameShape(entry, call, parsed);
            if (ModelCheck.IsDensityName(id, parsed, otherShape ? n => n != name && isDefined(n) : isDefined)) { densities++; continue; }
            if (!ModelCheck.IsInformationOperator(id)) return false;
        }
        return densities > 0;
    }
}
