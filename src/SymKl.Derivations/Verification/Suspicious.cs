using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Claims that are probably not what the author meant, found before any checking.</summary>
internal static class Suspicious
{
    /// <summary>The index of a sum with limits whose summand does not depend on it (Σ_{d=1}^{D} (1 + log σ²)), if any.</summary>
    public static string? SummandIgnoresIndex(params Expr[] sides)
    {
        foreach (var side in sides)
        {
            string? found = null;
            bool Visit(Expr e)
            {
                if (e is Summation { Lower: not null, Upper: not null } s && !Traversal.FreeSymbols(s.Body).Contains(s.Variable) && IndexedBy(s.Body, s.Variable) is null)
                {
                    found = s.Variable.Name;
                    return true;
                }
                return e.Children.Any(Visit);
            }
            if (Visit(side)) return found;
        }
        return null;
    }

    private static string? IndexedBy(Expr body, Sym index) => Checking.IndexedSums.IndexedBy(body, index.Name);
}
