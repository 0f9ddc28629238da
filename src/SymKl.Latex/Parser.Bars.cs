using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    /// <summary>
    /// After an operand inside brackets, '|' opens an absolute value (rather than separating arguments, as in p(x | y))
    /// when the next bar at the same depth is raised to a power or given a subscript: \ln(|V|^n |U|^p) is |V|ⁿ times |U|ᵖ.
    /// A conditioning bar is never raised to a power, so p(x | y)^2 and p(a | |b|^2) keep their separator.
    /// </summary>
    private bool PoweredBarAhead()
    {
        if (!Current.IsSymbol("|") || Next.IsSymbol("|")) return false;
        if (Innermost is not (OpenerKind.Paren or OpenerKind.Square or OpenerKind.BraceSet or OpenerKind.Sized)) return false;
        var close = FirstAtSameDepth(CurrentIndex + 1, i => _tokens[i].IsSymbol("|"));
        if (close < 0 || close + 1 >= _tokens.Count || close == CurrentIndex + 1) return false;
        var after = _tokens[close + 1];
        return after.IsSymbol("^") || after.IsSymbol("_");
    }

    /// <summary>
    /// \Delta followed by one Latin letter (\Delta x, \Delta t): the increment of that variable, one name Δx, as physics and
    /// calculus write it (Δt·v is a time step times a speed, never Δ·t·v). The letter must stand alone (\Delta xy stays
    /// Δx·y; \Delta \mu, \Delta(x) and a bare \Delta keep their old reading). Called with the \Delta token consumed.
    /// </summary>
    private Identifier? IncrementAfter(string name)
    {
        if (name != "Delta" || _style != NameStyle.Normal) return null;
        var letter = Current;
        var start = _tokens[CurrentIndex - 1].Span.Start;
        if (letter.Kind != TokenKind.Letter || letter.Text.Length != 1 || !(letter.Text[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z')) return null;
        // Only spaces between \Delta and its letter (the lexer drops them; nothing else may).
        var gap = _text.Substring(_tokens[CurrentIndex - 1].Span.End, letter.Span.Start - _tokens[CurrentIndex - 1].Span.End);
        if (gap.Trim().Length != 0) return null;
        Advance();
        return new Identifier(TextSpan.FromBounds(start, letter.Span.End), "Δ" + letter.Text, NameStyle.Normal);
    }
}
