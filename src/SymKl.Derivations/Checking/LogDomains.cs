using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step is claimed where its sides are defined, and a real logarithm is defined only of a positive value: where a
/// step writes log u, u &gt; 0 is part of what it says. This reads that sign into the assumptions of the step, for the
/// plain cases: u a free symbol, u an undefined function's value (log p̃(x), log f(x): a function whose log is taken
/// is positive where the step speaks, as densities are by convention, whether or not the document defines it), and u a product or quotient all of whose other factors have a known
/// sign (log(p̃(x)/p(x)) with p a density). Without it the proof keeps |u| where the text has u (log|p̃(x)| against
/// log p̃(x)) and a right step stays undecided. A declared sign is never overridden, and variables a binder runs over
/// are left alone (their range is the binder's).
/// </summary>
public static class LogDomains
{
    public static Assumptions Extend(Expr lhs, Expr rhs, Assumptions assumptions)
    {
        var free = new HashSet<Sym>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)));
        // Only a sign both sides require: a side defined where the other is not (log a beside h(aX + b), defined for
        // a < 0) is a claim about a larger domain, and the check must still see the points where they part.
        var left = Required(lhs, assumptions, free);
        var right = Required(rhs, assumptions, free);
        foreach (var fact in left.Where(right.Contains))
            assumptions = fact.Function ? assumptions.WithPositiveFunction(fact.Name) : assumptions.With(fact.Name, Domain.Positive);
        return assumptions;
    }

    private readonly record struct Fact(string Name, bool Function);

    /// <summary>The positive symbols and functions the logs of one side require, beyond what is already known.</summary>
    private static HashSet<Fact> Required(Expr side, Assumptions known, HashSet<Sym> free)
    {
        var arguments = new List<Expr>();
        Traversal.Any(side, n =>
        {
            if (n is Fn { Function: FunctionKind.Log } log) arguments.Add(log.Arg);
            return false;
        });
        var a = known;
        foreach (var u in arguments) a = Positive(u, a, free);
        // A product's remaining factor can only be read once the others are known: one more pass settles chains such
        // as log(a/b) beside log b.
        foreach (var u in arguments)
            if (u is Mul) a = Positive(u, a, free);
        var facts = new HashSet<Fact>();
        foreach (var s in free)
            if (a.IsPositive(s) && !known.IsPositive(s)) facts.Add(new Fact(s.Name, false));
        foreach (var f in a.PositiveFunctions)
            if (!known.IsPositiveFunction(f)) facts.Add(new Fact(f, true));
        return facts;
    }

    private static Assumptions Positive(Expr u, Assumptions a, HashSet<Sym> free)
    {
        switch (u)
        {
            case Sym s when free.Contains(s) && !a.Declared.ContainsKey(s.Name) && a.DomainOf(s) == Domain.Real:
                return a.With(s.Name, Domain.Positive);
            case Apply ap when !a.IsPositiveFunction(ap.Name) && !AbstractDerivatives.IsDerivative(ap.Name):
                return a.WithPositiveFunction(ap.Name);
            case Pow { Exponent: Num { Value: var k } } p when k == Rational.MinusOne:
                return Positive(p.Base, a, free);
            case Mul m:
                {
                    var unknown = m.Factors.Where(f => !Signs.IsPositive(f, a) && !Signs.IsNegative(f, a)).ToList();
                    if (unknown.Count != 1) return a;
                    var negatives = m.Factors.Count(f => Signs.IsNegative(f, a));
                    return negatives % 2 == 0 ? Positive(unknown[0], a, free) : a;
                }
            default:
                return a;
        }
    }
}
