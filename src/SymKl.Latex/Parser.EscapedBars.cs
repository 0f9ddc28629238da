using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// Markdown posts (kramdown, Jekyll) escape the pipe inside math so that a table is not opened: p(z \| x) is written for
/// p(z | x) and KL(q \|\| p) for KL(q || p). In TeX \| is the double bar ‖, which has a meaning between the two laws of
/// a divergence only; between the arguments of a density it means nothing, so there it can only be the escaped bar.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>
    /// p(z, θ \| x): the one \| between the arguments of a density letter (p, q, P, Q, with any subscript or accent) is the
    /// conditional bar. Anything else (two or more \|, a | already there, another name) is left as written.
    /// </summary>
    private IReadOnlyList<Separator> EscapedConditionalBar(Identifier callee, IReadOnlyList<Separator> separators)
    {
        if (callee.Name is not ("p" or "q" or "P" or "Q") || callee.Primes != 0 || callee.Style is not (NameStyle.Normal or NameStyle.Italic or NameStyle.Roman))
            return separators;
        int escaped = -1;
        for (var i = 0; i < separators.Count; i++)
        {
            var s = separators[i];
            if (s.Text == "|") return separators;
            if (s.Text != "||") continue;
            if (escaped >= 0 || !IsEscapedBar(s.Span)) return separators;
            escaped = i;
        }
        if (escaped < 0) return separators;
        var bar = separators[escaped];
        _diagnostics.Warning(bar.Span, DiagnosticCodes.MarkdownEscape, "read '\\|' as '|' (a Markdown escape of the conditional bar between a density's arguments)");
        var list = separators.ToList();
        list[escaped] = new Separator("|", bar.Span);
        return list;
    }

    /// <summary>The separator is the two characters \| (not ||, \Vert or \parallel).</summary>
    private bool IsEscapedBar(TextSpan span) =>
        span.Length == 2 && span.Start >= 0 && span.Start + 2 <= _text.Length && _text[span.Start] == '\\' && _text[span.Start + 1] == '|';

    /// <summary>\|\| (each bar escaped for Markdown, spaces between allowed): one divergence separator ||, as two bars in a row are.</summary>
    private bool TryEscapedDoubleBar(Token first, out Separator separator)
    {
        separator = default;
        if (!IsEscapedBar(first.Span) || Next.Kind != TokenKind.Command || Next.Text != "|" || !IsEscapedBar(Next.Span)) return false;
        Advance();
        var second = Advance();
        separator = new Separator("||", TextSpan.FromBounds(first.Span.Start, second.Span.End));
        return true;
    }
}
