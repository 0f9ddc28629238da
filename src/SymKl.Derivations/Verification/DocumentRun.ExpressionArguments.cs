using Regex = System.Text.RegularExpressions.Regex;
using RegexOptions = System.Text.RegularExpressions.RegexOptions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// σ(wᵀx) = \frac{1}{1 + \exp(−wᵀx)}: a fresh function defined at an expression rather than at a name. When the formula
/// is written in that expression alone (every use of its names is inside a copy of it), it defines the function of one
/// variable u: σ(u) = 1/(1 + e^{−u}). Anything else (f(2x) = 4x², the expression's names also used on their own) is no
/// such definition and is left to be checked as a statement.
/// </summary>
internal sealed partial class DocumentRun
{
    // Blanks carry no meaning in TeX except after a control word before a letter (\top x): kept there as one space, dropped elsewhere.
    private static readonly Regex Blanks = new(@"(?<!\\[A-Za-z]+)\s+|\s+(?![A-Za-z])", RegexOptions.CultureInvariant);
    private static readonly Regex WordBlanks = new(@"\s+", RegexOptions.CultureInvariant);

    private static string CompactTex(string tex) => WordBlanks.Replace(Blanks.Replace(tex, ""), " ").Trim();

    /// <summary>The placeholders tried in turn for the variable: the first the formula does not use.</summary>
    private static readonly string[] Placeholders = [@"\xi", @"\zeta", @"\upsilon", @"\varkappa"];

    /// <summary>The formula as a function of one placeholder standing for the call's argument, or null.</summary>
    private FunctionDefinition? AtExpressionArgument(string name, Call call, SyntaxNode formula, ParseResult parsed)
    {
        if (call.Arguments.Count != 1 || call.Separators.Count != 0) return null;
        var argument = call.Arguments[0];
        while (argument is Group { Body: var inner }) argument = inner;
        // A name is a parameter (read elsewhere); a list, an ellipsis or a condition (p(y = 1 | x)) is no expression of one value.
        if (argument is Identifier or Ellipsis or Number) return null;
        if (argument.DescendantsAndSelf().Any(n => n is Ellipsis or Latex.Syntax.Relation or Sequence or Matrix)) return null;
        var argumentText = CompactTex(parsed.GetText(argument.Span));
        var formulaText = CompactTex(parsed.GetText(formula.Span));
        if (argumentText.Length == 0 || formulaText.IndexOf(argumentText, StringComparison.Ordinal) < 0) return null;
        // Every copy must be a whole operand where it stands: a + b inside 2a + b (or c − a + b) is no copy of a + b.
        if (!WholeOperands(formulaText, argumentText, argument is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } or Unary || argumentText[0] == '-')) return null;
        var argumentNames = new HashSet<string>(argument.DescendantsAndSelf().OfType<Identifier>().Select(id => MathBinder.SymbolName(id, parsed)), StringComparer.Ordinal);
        if (argumentNames.Count == 0) return null;
        foreach (var placeholder in Placeholders)
        {
            if (formulaText.IndexOf(placeholder, StringComparison.Ordinal) >= 0 || argumentText.IndexOf(placeholder, StringComparison.Ordinal) >= 0) continue;
            // Braced so that the placeholder stays one factor where the expression stood (−wᵀx → −{ξ}).
            var rewritten = formulaText.Replace(argumentText, "{" + placeholder + "}");
            var reparsed = LatexParser.ParseExpression(rewritten);
            if (reparsed.Expression is null || reparsed.HasErrors) return null;
            var variable = LatexParser.ParseExpression(placeholder) is { Expression: Identifier id } p ? Ex.Sym(MathBinder.SymbolName(id, p)) : null;
            if (variable is null) return null;
            var body = MathBinder.Bind(reparsed.Expression, reparsed, _scope).Value;
            if (body is null) return null;
            var free = Traversal.FreeSymbols(body);
            // Written in the expression alone: no name of it left outside the copies, and the variable used.
            if (!free.Contains(variable) || free.Any(s => argumentNames.Contains(s.Name)) || MentionsFunction(body, name)) return null;
            // Where the expression and the formula read as scalars, the function at the expression must give the formula back.
            if (!GivesFormulaBack(body, variable, argument, formula, parsed)) return null;
            return new FunctionDefinition(name, [variable], body);
        }
        return null;
    }

    /// <summary>
    /// Each occurrence of the expression in the formula's text is an operand on its own: a sum (or a negation) enclosed in
    /// brackets or the whole formula, any other expression not continued by a subscript, power, prime or further letters.
    /// </summary>
    private static bool WholeOperands(string formula, string argument, bool isSum)
    {
        for (var at = formula.IndexOf(argument, StringComparison.Ordinal); at >= 0; at = formula.IndexOf(argument, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? '\0' : formula[at - 1];
            var end = at + argument.Length;
            var after = end >= formula.Length ? '\0' : formula[end];
            if (char.IsLetterOrDigit(after) || after is '_' or '^' or '\'' or '!' or '.') return false;
            if (!isSum)
            {
                if (before is '_' or '^') return false;
                continue;
            }
            var opens = before is '(' or '{' or '[' || formula.Substring(0, at).EndsWith(@"\left(", StringComparison.Ordinal);
            var closes = after is ')' or '}' or ']' || formula.Substring(end).StartsWith(@"\right", StringComparison.Ordinal);
            var whole = at == 0 && end == formula.Length;
            if (!whole && !(opens && closes)) return false;
        }
        return true;
    }

    /// <summary>True unless the argument and the formula both read as scalars and the body at the argument differs from the formula.</summary>
    private bool GivesFormulaBack(Expr body, Sym variable, SyntaxNode argument, SyntaxNode formula, ParseResult parsed)
    {
        if (MathBinder.Bind(argument, parsed, _scope).Value is not { } value || MathBinder.Bind(formula, parsed, _scope).Value is not { } written) return true;
        try
        {
            var budget = new Budget(200_000);
            var difference = Normalizer.Normalize(Ex.Sub(Traversal.Substitute(body, new Dictionary<Sym, Expr> { [variable] = value }), written), Assumptions.Default, budget);
            return Normalizer.IsZero(difference, Assumptions.Default, budget);
        }
        catch (BudgetExceededException) { return false; }
    }
}
