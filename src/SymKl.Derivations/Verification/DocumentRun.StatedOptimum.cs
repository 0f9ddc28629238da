using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "L(θ) = h log θ + t log(1 − θ) … thus the maximum likelihood estimate is θ̂ = h/(h + t)": the text states the optimiser
/// of an objective it defined, without writing the derivative. The value is checked as an optimiser of a smooth objective
/// must be: the first derivative in θ vanishes there and the second has the sign of the kind the words name (negative for
/// a maximum, positive for a minimum), as identities in the other quantities. Confirmed when both hold (a strict local
/// optimum of the kind stated); otherwise left to the definition reading, never refuted: the optimum may lie on a boundary
/// or under a constraint the text does not write beside it, and a global claim is more than SymKl checks.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex MaximumWords = new(@"\b(maximi[sz]\w*|maximum|maximal|argmax|MLE|MAP)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex MinimumWords = new(@"\b(minimi[sz]\w*|minimum|minimal|argmin)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"The optimal solution is": the kind is the one of the objective, which the words that defined it name.</summary>
    private static readonly Regex OptimumWords = new(@"\b(optimal|optimum|optimi[sz]er|optimi[sz]ing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Objectives that are maximised by what they are: a (log-)likelihood, an evidence bound, an entropy, a reward.</summary>
    private static readonly Regex MaximisedObjective = new(@"\b(likelihood|evidence|ELBO|entropy|reward|utility)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Objectives that are minimised: a loss, a cost, a risk, an error, an energy, a negative log-likelihood.</summary>
    private static readonly Regex MinimisedObjective = new(@"\b(loss|cost|risk|error|energy|negative|NLL)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The math blocks read so far, for the words before an earlier definition.</summary>
    private readonly List<Markdown.MathBlock> _blocksSeen = [];

    /// <summary>The confirmed verdict and the objective's name, or null when the statement is not a stated optimum SymKl can check.</summary>
    private (Verdict Verdict, string Objective)? StatedOptimum(Operand left, RelationOperator op, Operand right)
    {
        if (op.Kind != RelationKind.Equal || op.Negated || left.Node is not Identifier id || _block is null) return null;
        var prose = _block.ProseBefore;
        bool maximum = MaximumWords.IsMatch(prose), minimum = MinimumWords.IsMatch(prose);
        var name = MathBinder.SymbolName(id, left.Parsed);
        if (EstimatedName(name) is not { } unknown) return null;
        var theta = Ex.Sym(unknown);
        if (LatestObjective(theta) is not { } objective) return null;
        if (!maximum && !minimum && OptimumWords.IsMatch(prose))
        {
            // The words that defined the objective say what it is ("our log-likelihood function is").
            var defining = _blocksSeen.LastOrDefault(b => b.Line <= objective.Line && objective.Line <= b.Line + b.Text.Count(c => c == '\n'))?.ProseBefore ?? string.Empty;
            maximum = MaximisedObjective.IsMatch(defining) && !MinimisedObjective.IsMatch(defining);
            minimum = MinimisedObjective.IsMatch(defining) && !MaximisedObjective.IsMatch(defining);
        }
        // "minimising the negative log-likelihood gives the maximum likelihood estimate": which kind is meant is not told.
        if (maximum == minimum) return null;
        if (MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } written) return null;
        var value = _scope.SubstituteSymbols(written);
        if (Traversal.FreeSymbols(value).Any(s => s.Equals(theta) || s.Name == name)) return null;
        var body = _scope.SubstituteSymbols(_scope.Expand(objective.Body));
        if (!Traversal.FreeSymbols(body).Contains(theta) || Traversal.Any(body, n => n is Functional)) return null;
        // Counts the text writes with the number sign (\#heads, \text{# tails}) are numbers of items: taken positive here,
        // as the optimiser of a likelihood in counts is stated for (a zero count puts the optimum on the boundary).
        var assumptions = CountsPositive(_scope.Assumptions, Ex.Add(body, value));
        var counted = !ReferenceEquals(assumptions, _scope.Assumptions);
        Verdict first, second;
        try
        {
            var slope = Differentiator.Derivative(body, theta, TermwiseOverSums);
            var curvature = Differentiator.Derivative(slope, theta, TermwiseOverSums);
            first = OptimumCheck(Traversal.Substitute(slope, theta, value), Symbolic.Relation.Equal, assumptions);
            if (first.Kind is not (VerdictKind.Proved or VerdictKind.Confirmed)) return null;
            second = OptimumCheck(Traversal.Substitute(curvature, theta, value), maximum ? Symbolic.Relation.Less : Symbolic.Relation.Greater, assumptions);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            return null;
        }
        if (second.Kind is not (VerdictKind.Proved or VerdictKind.Confirmed)) return null;
        var kind = first.Kind == VerdictKind.Proved && second.Kind == VerdictKind.Proved ? VerdictKind.Proved : VerdictKind.Confirmed;
        var reason = "the text states the " + (maximum ? "maximiser" : "minimiser") + " of " + objective.Name + " (line " + objective.Line + ") in " + unknown
            + ": there the derivative in " + unknown + " is zero and the second derivative is " + (maximum ? "negative" : "positive")
            + " (a strict local " + (maximum ? "maximum" : "minimum") + "; that it is the global one is not checked" + (counted ? "; counts written with # taken positive" : string.Empty)
            + "); it also defines " + left.Text.Trim();
        return (new Verdict(kind, reason, null, null, first.PointsChecked + second.PointsChecked), objective.Name);
    }

    /// <summary>
    /// d/dθ Σ_i f(θ, x_i) = Σ_i ∂f/∂θ over a finite range that θ does not bound, when θ is no member of a family the sum
    /// runs over (θ_i would need the term i = j taken apart).
    /// </summary>
    private static Expr? TermwiseOverSums(Expr node, Sym x, Func<Expr, Expr> derive)
    {
        if (node is not Summation s || s.Variable.Equals(x) || !Differentiator.IsFinite(s.Lower) || !Differentiator.IsFinite(s.Upper)) return null;
        if (Traversal.FreeSymbols(s.Lower!).Contains(x) || Traversal.FreeSymbols(s.Upper!).Contains(x)) return null;
        if (Traversal.FreeSymbols(s.Body).Any(v => v.Name.StartsWith(x.Name + "_", StringComparison.Ordinal))) return null;
        return Ex.Summation(derive(s.Body), s.Variable, s.Lower, s.Upper);
    }

    /// <summary>e (relation) 0, with sums over indexed values (Σ_i x_i) written out at random lengths as statements are.</summary>
    private Verdict OptimumCheck(Expr e, Symbolic.Relation relation, Assumptions assumptions)
    {
        using var timeBudget = StepBudget.Open(options);
        var token = timeBudget?.Token ?? default;
        return IndexedStep.Applies(e, Ex.Zero)
            ? IndexedSums.Check(e, relation, Ex.Zero, assumptions, _scope.Context, options.Seed, token).Verdict
            : StepChecker.Check(e, relation, Ex.Zero, assumptions, _scope.Context, options.Seed, token);
    }

    /// <summary>The assumptions with every undeclared count symbol (a name the text writes with the number sign #) positive.</summary>
    private static Assumptions CountsPositive(Assumptions assumptions, Expr e)
    {
        foreach (var s in Traversal.FreeSymbols(e))
            if (s.Name.StartsWith("\\text{#", StringComparison.Ordinal) && !assumptions.Declared.ContainsKey(s.Name)) assumptions = assumptions.With(s.Name, Domain.Positive);
        return assumptions;
    }

    /// <summary>The latest function this section defined by a formula in which the unknown appears (its parameter, or a quantity in it).</summary>
    private (string Name, Expr Body, int Line)? LatestObjective(Sym unknown)
    {
        for (var i = Definitions.Count - 1; i >= 0; i--)
        {
            var d = Definitions[i];
            if (d.Position.Line <= SectionLine) return null;
            if (d.Kind != "function" || !_scope.Context.Defined.TryGetValue(d.Name, out var f)) continue;
            if (f.Parameters.Contains(unknown) || Traversal.FreeSymbols(f.Body).Contains(unknown)) return (d.Name, f.Body, d.Position.Line);
        }
        return null;
    }
}
