using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// Sums over every value of an index but one: \sum_{j \neq y_i} s_j (the hinge loss over the wrong classes), \sum_{j \ne i}.
/// The excluded value is one the index takes (otherwise excluding it says nothing), so the sum is the sum over the whole
/// range less its term there: Σ_{j≠c} f_j = Σ_j f_j − f_c (Σ_{j≠c}^{p}: the range 1 … p). The term at c renames the index in subscripts (s_j → s_{y_i});
/// a body that mixes the index with other subscripts (θ_{ij}) is not read.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>Σ_j f − f at the excluded value, or null (reported at <paramref name="at"/>) when the term there cannot be written.</summary>
    private Expr? AllButOne(SyntaxNode at, Expr body, Sym index, Expr excluded, Expr? lower = null, Expr? upper = null)
    {
        string? key = excluded switch
        {
            Sym s when s.Name != index.Name => s.Name,
            Num { Value.IsInteger: true } n when n.Value.Numerator >= 0 => n.Value.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        if (key is null) return Unsupported(at, "a sum over all values of " + index.Name + " but one that is not a name or a whole number");
        var mixed = false;
        var term = Ex.Map(body, e => e switch
        {
            Sym s when s.Name == index.Name => excluded,
            Sym s when SubscriptOf(s.Name) is { } sub => Renamed(s.Name, sub) is { } renamed ? Ex.Sym(renamed) : s,
            Apply a when SubscriptOf(a.Name) is { } sub => Renamed(a.Name, sub) is { } renamed ? Ex.Apply(renamed, a.Args.ToArray()) : a,
            _ => e,
        });
        if (mixed) return Unsupported(at, "a sum over all values of " + index.Name + " but one, whose terms write " + index.Name + " beside other subscripts");
        return Ex.Sub(Ex.Summation(body, index, lower, upper), term);

        string? Renamed(string name, (string Base, string Key) sub)
        {
            if (sub.Key == index.Name) return sub.Base + "_" + key;
            // θ_{ij}, x_{j+1}: the index among other marks, which one renaming cannot place.
            if (MentionsLetter(sub.Key, index.Name)) mixed = true;
            return null;
        }
    }

    /// <summary>"s_y_i" → ("s", "y_i"): the part after the first underscore outside braces.</summary>
    private static (string Base, string Key)? SubscriptOf(string name)
    {
        var depth = 0;
        for (var k = 0; k < name.Length; k++)
        {
            if (name[k] == '{') depth++;
            else if (name[k] == '}') depth--;
            else if (name[k] == '_' && depth == 0 && k > 0 && k + 1 < name.Length) return (name.Substring(0, k), name.Substring(k + 1));
        }
        return null;
    }

    /// <summary>The index letter anywhere in a subscript (j in ij, j+1, y_j): conservative, a longer name with the letter counts too.</summary>
    private static bool MentionsLetter(string key, string index) => key.IndexOf(index, StringComparison.Ordinal) >= 0;

    /// <summary>
    /// Why f_k(z) is not read: softmax_k(z) is the k-th output of a vector-valued function, whose sum runs over the entries
    /// of z (a length this layer does not know); sigmoid_k(z) is the elementwise σ(z_k) to some texts and softmax_k(z) to others.
    /// </summary>
    private static string SubscriptedFunction(string f) => f switch
    {
        "softmax" => "a subscript on softmax: the k-th output e^{z_k} / Σ_j e^{z_j} of softmax of a vector, whose sum runs over the entries of the vector, a number SymKl does not know here",
        "sigmoid" => "a subscript on sigmoid: the k-th output of a sigmoid of a vector is the elementwise σ(z_k) to some texts and the softmax's k-th output to others, and SymKl does not guess which",
        _ => "a subscript on " + f,
    };
}
