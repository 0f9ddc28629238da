using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>The expression a syntax node means, or why it has none here.</summary>
/// <summary>A side bound: its value (null when it cannot be read, with the problem) and the binder's remarks, each with its id and span.</summary>
public sealed record BindOutcome(Expr? Value, string? Problem, IReadOnlyList<LatexDiagnostic> Warnings);

/// <summary>What binding needs to know about the document so far.</summary>
public interface IBindingScope
{
    bool IsDefinedFunction(string name);
    bool HasSeen(string symbol);
    bool HasDistribution(string symbol);
    string? DensityVariable(string density);

    /// <summary>The one variable the document writes a density in everywhere, when it does not define it.</summary>
    string? WrittenDensityVariable(string density);

    /// <summary>Whether some density of the document is written in this variable.</summary>
    bool IsDensityVariable(string variable);
    LogBase LogBase { get; }

    /// <summary>E(X) with parentheses is the expectation operator.</summary>
    bool ExpectationCalls { get; }

    /// <summary>The row of p(y | x) for X = value in a table the document defines, or null.</summary>
    IReadOnlyList<Expr>? ConditionalRow(string target, string given, int value);

    /// <summary>The parameters of a function defined by a formula, or null.</summary>
    IReadOnlyList<Sym>? FunctionParameters(string name);

    /// <summary>The definitions in force applied to e (symbols, functions, closed forms), for taking derivatives of it.</summary>
    Expr Expand(Expr e);

    /// <summary>The formula the document gave a symbol (Y = aX + b), or null.</summary>
    Expr? SymbolValue(string name);

    /// <summary>A quantity of the text's model (the output of the network, the loss) with no value SymKl can read: not a constant to a derivative.</summary>
    bool IsDependentQuantity(string name);
}

/// <summary>The verifier's view of <see cref="ExprBinder"/>: binds against what the document has defined so far.</summary>
internal static class MathBinder
{
    public static BindOutcome Bind(SyntaxNode node, ParseResult parsed, IBindingScope scope)
    {
        var context = new BindingContext
        {
            IsFunction = scope.IsDefinedFunction,
            IsVariable = scope.HasSeen,
            IsRandomVariable = scope.HasDistribution,
            DensityVariable = scope.DensityVariable,
            WrittenDensityVariable = scope.WrittenDensityVariable,
            IsDensityVariable = scope.IsDensityVariable,
            FunctionParameters = scope.FunctionParameters,
            LogBase = scope.LogBase,
            ExpectationCalls = scope.ExpectationCalls,
            Expand = scope.Expand,
            ConditionalRow = scope.ConditionalRow,
            SymbolValue = scope.SymbolValue,
            IsDependentQuantity = scope.IsDependentQuantity,
        };
        var result = ExprBinder.Bind(node, context, parsed);
        return new BindOutcome(result.Value, result.Value is null ? result.Problem ?? "cannot read '" + parsed.GetText(node.Span).Trim() + "'" : null,
            [.. result.Warnings]);
    }

    public static string SymbolName(Identifier id, ParseResult? parsed = null) => ExprBinder.SymbolName(id, parsed);

    public static string FunctionName(Identifier id, ParseResult? parsed = null) => ExprBinder.FunctionName(id, parsed);

    public static bool IsKnownOperatorName(Identifier id) => ExprBinder.IsKnownOperatorName(id);

    public static bool IsNameWithoutMeaning(Identifier id) => ExprBinder.IsNameWithoutMeaning(id);

    public static bool IsInformationMeasure(Call call, SyntaxNode formula) => ExprBinder.IsInformationMeasure(call, formula);

    public static IReadOnlyList<Sym>? Parameters(Call call, ParseResult? parsed = null) => ExprBinder.Parameters(call, parsed);
}
