using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// An entry of an expectation, expanded into terms: each term's factors free of the random components, and the random
/// components it multiplies (a square counted twice). Shared by the Gaussian reading and the reading with no law.
/// </summary>
internal static class Monomials
{
    /// <summary>The terms of <paramref name="e"/> split so; a factor that is no power ≤ 2 of a random component, yet mentions one, is not read.</summary>
    public static List<(List<Expr> Constant, List<T> Random)> Split<T>(Expr e, IReadOnlyDictionary<Sym, T> index, string notPolynomial)
    {
        var expanded = Expander.Expand(e);
        var terms = expanded is Add a ? a.Terms.ToArray() : [expanded];
        var split = new List<(List<Expr>, List<T>)>(terms.Length);
        foreach (var term in terms)
        {
            var factors = term is Mul m ? m.Factors.ToArray() : [term];
            var constant = new List<Expr>();
            var random = new List<T>();
            foreach (var f in factors)
            {
                switch (f)
                {
                    case Sym s when index.TryGetValue(s, out var at):
                        random.Add(at);
                        break;
                    case Pow { Base: Sym s, Exponent: Num { Value.IsInteger: true } k } when index.TryGetValue(s, out var at) && k.Value.Sign > 0 && k.Value.Numerator <= 2:
                        random.Add(at);
                        random.Add(at);
                        break;
                    default:
                        if (Traversal.Any(f, n => n is Sym s2 && index.ContainsKey(s2))) throw new MatrixReadException(notPolynomial);
                        constant.Add(f);
                        break;
                }
            }
            split.Add((constant, random));
        }
        return split;
    }
}
