using System.Text;
using SymKl.Latex.Syntax;

namespace SymKl.Latex.Binding;

/// <summary>
/// Kernel names for LaTeX names. The kernel's convention is "base" or "base_subscript" ("sigma_1", "mu_q",
/// "D_KL"). Typography that carries no meaning (\mathrm, \mathit, \operatorname) is dropped; typography
/// that may (\mathbf{x} vs x, \mathcal{X}, \hat{x}, \theta^*) stays in the name as its LaTeX form, so two
/// different symbols never share a name.
/// </summary>
internal static class Names
{
    /// <summary>\mid, \vert, \lvert, \rvert (not \middle): a bar typed as a command.</summary>
    private static readonly System.Text.RegularExpressions.Regex BarCommand =
        new(@"\\(?:mid|vert|lvert|rvert)(?![A-Za-z])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The kernel's name of a label family member (x^{(i)} is "x^{()}_i"), as the LaTeX printer writes it
    /// (\mathrm{x^{()}}_{i}, with an entry index as in i[1]).</summary>
    private static readonly System.Text.RegularExpressions.Regex PrintedLabel =
        new(@"\\mathrm\{(?<base>(?:[^{}]|\{[^{}]*\})*?)\^\{\(\)\}\}_\{(?<label>[^{}\[]*)(?<entry>\[[^{}]*\])?\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The same name as it is (a counterexample's key, a name in a message): "x^{()}_i", "h^{()}_l-1".</summary>
    private static readonly System.Text.RegularExpressions.Regex RawLabel =
        new(@"\^\{\(\)\}_(?:\{(?<label>[^{}]*)\}|(?<label>[^\s,;:)(=}\]\[]+))", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Text for a reader: internal names of label family members written back as the document writes them
    /// (x^{()}_i → x^{(i)}). Everything else is left as it is.
    /// </summary>
    public static string ForDisplay(string text)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf("^{()}", StringComparison.Ordinal) < 0) return text;
        text = PrintedLabel.Replace(text, m => m.Groups["base"].Value + "^{(" + m.Groups["label"].Value + ")}" + m.Groups["entry"].Value);
        return RawLabel.Replace(text, m => "^{(" + m.Groups["label"].Value + ")}");
    }

    public static string Symbol(Identifier id, string? source = null)
    {
        var sb = new StringBuilder();
        string core = Styled(id.Name, id.Style);
        if (id.Accent is not null) core = "\\" + id.Accent + "{" + core + "}";
        sb.Append(core);
        // x^{(i)} with no subscript: the member of the family x^{()} at i, indexed exactly as x_i is (so that a sum over i
        // writes it out term by term), and never the same name as x_i.
        if (id.Subscript is null && id.Primes == 0 && id.Decoration is { Length: > 2 } label && label[0] == '(' && label[label.Length - 1] == ')')
            return sb.Append("^{()}_").Append(label, 1, label.Length - 2).ToString();
        if (id.Decoration is not null) sb.Append(id.Decoration == "*" ? "^*" : id.Decoration.StartsWith("(", StringComparison.Ordinal) || id.Decoration is "-" or "+" ? "^{" + id.Decoration + "}" : "^\\" + id.Decoration);
        if (id.Primes > 0) sb.Append('\'', id.Primes);
        if (id.Subscript is not null) sb.Append('_').Append(SubscriptKey(id.Subscript, source));
        return sb.ToString();
    }

    /// <summary>Styles that may distinguish symbols keep their LaTeX form: \mathbf{x}, \mathcal{N}.</summary>
    private static string Styled(string name, NameStyle style)
    {
        string inner = SymKl.Latex.Symbols.Greek.Contains(name) ? "\\" + name : name;
        return style switch
        {
            NameStyle.Normal or NameStyle.Roman or NameStyle.Italic => name,
            NameStyle.Bold => SymKl.Latex.Symbols.Greek.Contains(name) ? "\\boldsymbol{" + inner + "}" : "\\mathbf{" + inner + "}",
            NameStyle.Calligraphic => "\\mathcal{" + inner + "}",
            NameStyle.Script => "\\mathscr{" + inner + "}",
            NameStyle.Blackboard => "\\mathbb{" + inner + "}",
            NameStyle.Fraktur => "\\mathfrak{" + inner + "}",
            NameStyle.SansSerif => "\\mathsf{" + inner + "}",
            _ => "\\mathtt{" + inner + "}",
        };
    }

    /// <summary>"1", "12", "theta", "KL" (also from K·L, \mathrm{KL}), "ij", or the compact source ("i+1").</summary>
    public static string SubscriptKey(SyntaxNode sub, string? source)
    {
        switch (sub)
        {
            case Number n:
                return n.Text;
            case Identifier id:
                return Symbol(id, source);
            case ImplicitMultiplication m when m.Factors.All(f => f is Identifier { Subscript: null } or Number):
                return string.Concat(m.Factors.Select(f => SubscriptKey(f, source)));
        }
        if (source is not null && sub.Span.End <= source.Length)
        {
            var sb = new StringBuilder();
            // P_{n|n} and P_{n\mid n} (also \vert) name one quantity: the bar is the same symbol however it is typed
            // (replaced before the spaces go, which end the command).
            foreach (char c in BarCommand.Replace(source.Substring(sub.Span.Start, sub.Span.Length), "|"))
            {
                if (!char.IsWhiteSpace(c)) sb.Append(c);
            }
            if (sb.Length > 0) return sb.ToString();
        }
        return SyntaxPrinter.Print(sub);
    }
}
