using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Inequalities between information measures of random variables, decided in random joint laws (<see cref="InformationModels"/>).</summary>
internal sealed partial class DocumentRun
{
    private VariableKinds? _variableKinds;

    /// <summary>"if", "when", "suppose", "independent" … in the sentence before: the inequality may hold under a condition the text states.</summary>
    private static readonly Regex ConditionCue = new(@"\b(if|when|whenever|suppose|supposing|assum\w*|independent|given|provided|unless|function of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private Verdict? InformationInequality(Expr lhs, Relation relation, Expr rhs, StatementRole role, bool refutable)
    {
        if (relation is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual) || role == StatementRole.Implication) return null;
        if (InformationModels.Terms(lhs, rhs) is not { } terms) return null;
        if (UnitsPerNat() is not { } units) return null;
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        var sentence = LastSentence(_block?.ProseBefore ?? string.Empty);
        var refusal = !refutable ? "it is a rewrite inside an equation being solved"
            : ConditionCue.Match(sentence) is { Success: true } cue ? "the sentence before it states a condition ('" + cue.Value + "') that the random laws do not respect"
            // "For the Markov chain $x_0 \to x_s \to x_t$:" (the whole sentence, past its inline math): a conditional
            // independence the random laws do not have (data processing holds only along such a chain).
            : MarkovCue.IsMatch(LastSentence(ParagraphBefore())) ? "the sentence before it states a Markov chain, a conditional independence that the random laws do not respect"
            : DefinedInSection(terms) is { } defined ? "its section defines a variable of it from others or in words ('" + defined + "'), which the random laws do not respect"
            : null;
        return InformationModels.Decide(lhs, relation, rhs, terms, _variableKinds.Value, units, refusal, options.Seed);
    }

    /// <summary>
    /// The raw text of the paragraph that ends where the current math starts (inline math kept, at most 400 characters):
    /// the sentence that introduces a display after a blank line, which the prose readings cut at its inline math.
    /// </summary>
    private string ParagraphBefore()
    {
        if (_block is null) return string.Empty;
        var text = document.Source.Text;
        var start = Math.Min(_block.Offset, text.Length);
        var from = Math.Max(0, start - 400);
        var before = text.Substring(from, start - from).TrimEnd().TrimEnd('$', '[', '\\').TrimEnd();
        var cut = before.LastIndexOf("\n\n", StringComparison.Ordinal);
        return cut >= 0 ? before.Substring(cut + 2) : before;
    }

    /// <summary>"Markov chain", "Markov property", "forms a Markov chain": the variables are conditionally independent along it.</summary>
    private static readonly Regex MarkovCue = new(@"\bmarkov", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private const string VariablePattern = @"[S-Z](?:_\{?[0-9A-Za-z]+\}?)?";

    /// <summary>"X and Y are independent", "X, Y and Z are mutually independent".</summary>
    private static readonly Regex IndependentCue = new(@"(?<![A-Za-z\\])(?<vars>" + VariablePattern + @"(?:\s*(?:,\s*and|,|and)\s*" + VariablePattern + @")+)\s+are\s+(?:mutually\s+|statistically\s+|both\s+)?independent\b(?!\s*(?:given|conditional|conditioned|once|of)\b)", RegexOptions.CultureInvariant);

    /// <summary>"X = Y" (two names, nothing after, not inside brackets such as P(X = Y)): the same random variable.</summary>
    private static readonly Regex CopyCue = new(@"(?<![A-Za-z\\_])(?<![(,|\[{]\s*)(?<a>" + VariablePattern + @")\s*=\s*(?<b>" + VariablePattern + @")(?![A-Za-z0-9_{(]|\s*[-+*/^()\\=|\]}])", RegexOptions.CultureInvariant);

    /// <summary>"X is an invertible function of Y", "Y is a deterministic function of X".</summary>
    private static readonly Regex FunctionCue = new(@"(?<![A-Za-z\\])(?<a>" + VariablePattern + @")\s+is\s+an?\s+(?:(?<kind>invertible|one-to-one|bijective|injective|deterministic)\s+)?function\s+of\s+(?<b>" + VariablePattern + @")(?![A-Za-z0-9_])(?!\s*(?:,|and|or)\s*" + VariablePattern + @"(?![A-Za-z(]))", RegexOptions.CultureInvariant);

    /// <summary>"if", "when" … opening the words after a statement: a condition that the statement holds under.</summary>
    private static readonly Regex TrailingCondition = new(@"^\s*[,;]?\s*(?<cue>if and only if|only if|iff|if|when|whenever|provided)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// An equation or a non-strict inequality between information measures in a sentence that states how the variables
    /// relate ("if X and Y are independent then …", "if X = Y …", "… if and only if X and Y are independent"): decided
    /// in random joint laws that respect that relation (<see cref="InformationModels.DecideUnder"/>). Null when the
    /// sentence states no such relation, or the step holds without it.
    /// </summary>
    private Verdict? InformationUnderCondition(Expr lhs, Relation relation, Expr rhs)
    {
        if (relation is not (Relation.Equal or Relation.GreaterOrEqual or Relation.LessOrEqual) || _block is null) return null;
        if (InformationModels.Terms(lhs, rhs) is not { } terms) return null;
        if (UnitsPerNat() is not { } units) return null;
        var (before, after) = SentenceAroundBlock();
        var trailing = TrailingCondition.Match(after);
        var onlyIf = trailing.Success && trailing.Groups["cue"].Value.ToLowerInvariant() is "if and only if" or "only if" or "iff";
        var text = before + " " + (trailing.Success ? after : "");
        if (ReadCondition(text) is not { } read) return null;
        // The names as the binder spells them (X_{1} and X_1 alike).
        var spelled = terms.SelectMany(t => t.Variables).Distinct(StringComparer.Ordinal).ToDictionary(Plain, v => v, StringComparer.Ordinal);
        var condition = read with { Variables = read.Variables.Select(v => spelled.TryGetValue(v, out var name) ? name : v).ToList() };
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        return InformationModels.DecideUnder(lhs, relation, rhs, terms, _variableKinds.Value, units, condition, onlyIf, options.Seed);
    }

    /// <summary>"k-class", "k values", "n possible outcomes", "n categories": the number of values a discrete variable takes.</summary>
    private static readonly Regex CountCue = new(@"(?<![A-Za-z\\])(?<n>[a-zA-Z])\s*(?:-\s*class(?:es)?\b|\s(?:possible\s+|distinct\s+)?(?:values|outcomes|classes|states|categories|symbols)\b)", RegexOptions.CultureInvariant);

    /// <summary>
    /// H(X) ≤ log k where the sentence says the law has k values ("discrete with k-class", "takes n values"): decided in
    /// laws on k values (<see cref="InformationModels.DecideCountBound"/>). Null unless the step is one entropy of one
    /// variable against an expression in that count alone.
    /// </summary>
    private Verdict? CountBound(Expr lhs, Relation relation, Expr rhs)
    {
        if (relation is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual) || _block is null) return null;
        // H(X) read as the entropy functional of a law named X (a formula that is not only about random variables): one value.
        Sym? marker = null;
        string? marked = null;
        var several = false;
        Expr Mark(Expr e)
        {
            if (e is not Functional { Which: FunctionalKind.Entropy } f || f.Args.Count != 1 || f.Args[0] is not Sym v || v.Name.Length == 0 || v.Name[0] is < 'S' or > 'Z' || _scope.Context.IsKnownFunction(v.Name)) return e;
            several |= marked is not null && marked != v.Name;
            marked = v.Name;
            return marker ??= Ex.Fresh("ℍ(" + v.Name + ")");
        }
        lhs = Ex.Map(lhs, Mark);
        rhs = Ex.Map(rhs, Mark);
        if (several) return null;
        var free = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct().ToList();
        var entropies = free.Where(f => f.Equals(marker) || OpaqueTerms.Find(f) is { Kind: OpaqueKind.JointEntropy, Body: Apply { Name: "H", Args.Count: 1 } }).ToList();
        if (entropies.Count != 1 || free.Count != 2 || Traversal.Any(lhs, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn)) || Traversal.Any(rhs, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return null;
        var count = free.Single(f => !f.Equals(entropies[0]));
        if (OpaqueTerms.Find(count) is not null) return null;
        var variable = entropies[0].Equals(marker) ? marked : OpaqueTerms.Find(entropies[0])!.Body is Apply { Args: [Sym v] } ? v.Name : null;
        if (variable is null) return null;
        var (before, after) = SentenceAroundBlock();
        if (!CountCue.Matches(before + " " + after).Cast<Match>().Any(m => m.Groups["n"].Value == count.Name) && !DefinedOverCount(variable, count.Name)) return null;
        if (UnitsPerNat() is not { } units) return null;
        return InformationModels.DecideCountBound(lhs, relation, rhs, entropies[0], variable, count, units, options.Seed);
    }

    /// <summary>
    /// The document has defined H(X) = −Σ_{i=1}^{n} … before this math (the entropy of X as a sum over n values): then
    /// X takes n values.
    /// </summary>
    private bool DefinedOverCount(string variable, string count)
    {
        var text = document.Source.Text.Substring(0, Math.Min(document.Source.Text.Length, _block!.Offset));
        var definition = new Regex(@"H\s*\(\s*" + Regex.Escape(variable) + @"\s*\)\s*(?:=|:=|\\triangleq|\\equiv|\\coloneqq)\s*-\s*\\sum_\{?\s*[a-z]\s*=\s*1\s*\}?\s*\^\s*\{?\s*" + Regex.Escape(count) + @"\s*\}?(?![A-Za-z0-9])", RegexOptions.CultureInvariant);
        return definition.IsMatch(text);
    }

    /// <summary>The one relation between random variables the words state; null for none or several.</summary>
    internal static VariableCondition? ReadCondition(string text)
    {
        var found = new List<VariableCondition>();
        foreach (Match m in IndependentCue.Matches(text))
        {
            var names = Regex.Matches(m.Groups["vars"].Value, VariablePattern).Cast<Match>().Select(n => Plain(n.Value)).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count >= 2) found.Add(new VariableCondition(ConditionKind.Independent, names, Spaced(m.Value)));
        }
        foreach (Match m in CopyCue.Matches(text))
            if (Plain(m.Groups["a"].Value) != Plain(m.Groups["b"].Value))
                found.Add(new VariableCondition(ConditionKind.Copy, [Plain(m.Groups["a"].Value), Plain(m.Groups["b"].Value)], Spaced(m.Value)));
        foreach (Match m in FunctionCue.Matches(text))
        {
            if (Plain(m.Groups["a"].Value) == Plain(m.Groups["b"].Value)) continue;
            var kind = m.Groups["kind"].Value is "invertible" or "one-to-one" or "bijective" or "injective" ? ConditionKind.Invertible : ConditionKind.Function;
            found.Add(new VariableCondition(kind, [Plain(m.Groups["a"].Value), Plain(m.Groups["b"].Value)], Spaced(m.Value)));
        }
        // A negated relation ("not independent") or two relations at once: not read.
        if (found.Count != 1 || Regex.IsMatch(text, @"\b(not|never|dependent)\s+(independent|identical|a function)", RegexOptions.IgnoreCase)) return null;
        return found[0];
    }

    private static string Spaced(string words) => Regex.Replace(words, @"\s+", " ").Trim();

    private static string Plain(string name) => name.Replace("{", "").Replace("}", "");

    /// <summary>
    /// The raw text of the current math's sentence before it (from the end of the sentence before, a blank line or a list
    /// item) and after it (to the end of its sentence), math delimiters removed; at most a few hundred characters each.
    /// </summary>
    private (string Before, string After) SentenceAroundBlock()
    {
        var text = document.Source.Text;
        var start = _block!.Offset;
        var i = start - 1;
        while (i >= 0 && text[i] is '$' or '[' or '(' or '\\') i--;
        var dollars = 0;
        var from = i + 1;
        for (var steps = 0; i >= 0 && steps < 600; i--, steps++)
        {
            var c = text[i];
            if (c == '$') dollars++;
            if (c == '\n' && (i == 0 || text[i - 1] == '\n' || IsItemStart(text, i + 1))) break;
            if (dollars % 2 == 0 && c is '.' or '!' or '?' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) break;
            from = i;
        }
        var before = text.Substring(from, Math.Max(0, start - from));
        var end = Math.Min(text.Length, start + _block.Length);
        var j = end;
        while (j < text.Length && text[j] is '$' or ']' or ')' or '\\') j++;
        var to = j;
        dollars = 0;
        for (var steps = 0; to < text.Length && steps < 300; to++, steps++)
        {
            var c = text[to];
            if (c == '$') dollars++;
            if (c == '\n' && to + 1 < text.Length && (text[to + 1] == '\n' || IsItemStart(text, to + 1))) break;
            if (dollars % 2 == 0 && c is '.' or '!' or '?' && (to + 1 == text.Length || char.IsWhiteSpace(text[to + 1]))) break;
        }
        var after = text.Substring(j, to - j);
        return (before.Replace("$", " "), after.Replace("$", " "));
    }

    private static bool IsItemStart(string text, int lineStart)
    {
        var k = lineStart;
        while (k < text.Length && text[k] == ' ') k++;
        return k + 1 < text.Length && text[k] is '*' or '-' or '+' && text[k + 1] == ' ';
    }

    /// <summary>Nats per unit of the document's logarithms: 1 for natural logarithms, 1/ln 2 for bits; null for a base not read.</summary>
    private double? UnitsPerNat()
    {
        if (_scope.LogBase.Base is null) return _scope.LogBase.IsKnown ? 1 : null;
        var b = new NumericEvaluator(_ => double.NaN).Evaluate(_scope.LogBase.Base);
        return b.IsDefined && b.Value > 1 ? 1 / Math.Log(b.Value) : null;
    }

    private static string LastSentence(string prose)
    {
        var trimmed = prose.TrimEnd();
        var end = trimmed.LastIndexOfAny(['.', '!', '?'], Math.Max(0, trimmed.Length - 2));
        return end >= 0 ? trimmed.Substring(end + 1) : trimmed;
    }
}
