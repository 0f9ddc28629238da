namespace SymKl.Symbolic;

/// <summary>
/// Names for derivatives of functions nothing defines. f′ of a function of one argument is the undefined function
/// <c>f'</c> (as a text writes f'(x)); the partial derivative of p(x, μ, σ) by its k-th argument is <c>∂_{k} p</c>; the
/// derivative of a name that depends on θ through its subscript (Z_θ, p_θ) by θ is <c>∂_{theta} Z_theta</c>, applied to
/// the same arguments (none for a name written alone). Mixed partials are kept in one order (smooth functions:
/// Schwarz), so ∂²p/∂x∂σ and ∂²p/∂σ∂x are the same node.
/// </summary>
public static class AbstractDerivatives
{
    private const string Mark = "∂_{";

    /// <summary>The name of ∂f/∂(argument <paramref name="slot"/>, 0-based) of a function of <paramref name="arity"/> arguments.</summary>
    public static string OfArgument(string function, int slot, int arity) =>
        arity == 1 && !function.StartsWith(Mark, StringComparison.Ordinal) ? function + "'" : With(function, (slot + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The name of the derivative of <paramref name="function"/> by a variable its subscript names.</summary>
    public static string OfNamedVariable(string function, string variable) => With(function, variable);

    /// <summary>True for a name made here, or a primed name f' (the same thing written by hand).</summary>
    public static bool IsDerivative(string name) => name.StartsWith(Mark, StringComparison.Ordinal) || name.EndsWith("'", StringComparison.Ordinal);

    /// <summary>The function a derivative name differentiates: f for f'', p for ∂_{1} ∂_{3} p.</summary>
    public static string Base(string name)
    {
        var core = Split(name).Core;
        return core.TrimEnd('\'') is { Length: > 0 } trimmed ? trimmed : core;
    }

    /// <summary>LaTeX for a derivative name: f', or \partial_{1} \partial_{theta} p.</summary>
    public static string ToLatex(string name)
    {
        var (marks, core) = Split(name);
        return string.Concat(marks.Select(m => "\\partial_{" + m + "} ")) + core;
    }

    /// <summary>A derivative name taken apart: the variables of its marks (argument numbers or names) and the function.</summary>
    public static (IReadOnlyList<string> Marks, string Core) Decompose(string name) => Split(name);

    /// <summary>The inverse of <see cref="Decompose"/> (marks kept in one order).</summary>
    public static string Compose(IEnumerable<string> marks, string core) =>
        string.Concat(marks.OrderBy(m => m, StringComparer.Ordinal).Select(m => Mark + m + "} ")) + core;

    private static string With(string function, string key)
    {
        var (marks, core) = Split(function);
        marks.Add(key);
        marks.Sort(StringComparer.Ordinal);
        return string.Concat(marks.Select(m => Mark + m + "} ")) + core;
    }

    private static (List<string> Marks, string Core) Split(string name)
    {
        var marks = new List<string>();
        while (name.StartsWith(Mark, StringComparison.Ordinal))
        {
            int depth = 0, end = -1;
            for (int i = Mark.Length - 1; i < name.Length; i++)
            {
                if (name[i] == '{') depth++;
                else if (name[i] == '}' && --depth == 0) { end = i; break; }
            }
            if (end < 0 || end + 1 >= name.Length || name[end + 1] != ' ') break;
            marks.Add(name.Substring(Mark.Length, end - Mark.Length));
            name = name.Substring(end + 2);
        }
        return (marks, name);
    }
}
