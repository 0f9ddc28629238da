using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A function name the prose introduces anew as an arbitrary member of a class ("given a convex function $f$", "for some
/// twice differentiable objective function $f$", "Take a function $f$", "let $f$ be any smooth function") stands from
/// there on for that arbitrary function, not for the example an earlier paragraph gave the same letter (f(x) = (x − 1)²).
/// The earlier formula is dropped: f is then a function the document does not define, and a step about it is decided
/// only when it holds, or fails, whatever f is. The section's end puts the earlier meaning back as usual.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"a/an/some/any/every … function" right before the name: up to six words between the article and 'function'.</summary>
    private static readonly Regex GenericFunctionBefore = new(
        @"\b(?:a|an|some|any|every|arbitrary|general)\s+(?:[\w'-]+,?\s+){0,6}?(?:function|map|mapping)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"$f$ be a … function", "$f$ is an arbitrary function": the same introduction after the name.</summary>
    private static readonly Regex GenericFunctionAfter = new(
        @"^\s*(?:be|is|denote|denotes)\s+(?:a|an|some|any|every|arbitrary|general)\s+(?:[\w'-]+,?\s+){0,6}?(?:function|map|mapping)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Drops the formula of a function the inline math names alone when the words around introduce it as arbitrary.</summary>
    private void ForgetGenericFunction(Markdown.MathBlock block)
    {
        if (block.Kind != Markdown.MathBlockKind.Inline || block.Text.Length > 20) return;
        var parsed = LatexParser.ParseExpression(Expanded(block, out _));
        if (parsed.Expression is not Identifier id) return;
        var name = MathBinder.SymbolName(id, parsed);
        if (!_scope.Context.Defined.ContainsKey(name)) return;
        if (!GenericFunctionBefore.IsMatch(block.ProseBefore) && !GenericFunctionAfter.IsMatch(TextAfter(block))) return;
        _scope.Context = _scope.Context.Without(name);
    }
}
