using System.Globalization;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "p(β) = 𝒩(β; μ₀, Σ₀)", then "p(y | β) = 𝒩(y; Xβ, Σ)" and "p(β | y) ∝ p(y | β) p(β)": a text that writes one density
/// letter of several variables (p(y …) and p(β …)) uses it as "the density of whatever it is applied to". The law it gives
/// for p(β) is the law of β, not of y given β, nor of β given y: an application of another shape (another first variable,
/// or a conditional or joint where the law was given at one argument) is another density, whose law the text does not
/// give there. Read with the law of p(β), p(y | β) would be that law at y, and a right likelihood would be refuted (or a
/// wrong one confirmed); such a statement is not decided. A text that writes its density of one variable only (q(z | x)
/// and q(z)) keeps the law it bound.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The application each density's law was bound at: its first variable (null when not one name), its argument count and line.</summary>
    private readonly Dictionary<string, (string? Variable, int Arity, int Line, string Text)> _boundShapes = new(StringComparer.Ordinal);

    /// <summary>Records the application a law was bound at (p(β) = 𝒩(…), q(z | x) ∼ 𝒩(…)); a law bound to a bare name has none.</summary>
    private void NoteBoundShape(string name, SyntaxNode target, ParseResult parsed, int line)
    {
        if (target is Call { Arguments.Count: > 0 } call)
            _boundShapes[name] = (Matrices.MatrixScope.Unwrap(call.Arguments[0]) is Identifier v ? MathBinder.SymbolName(v, parsed) : null, call.Arguments.Count, line, parsed.GetText(call.Span).Trim());
        else _boundShapes.Remove(name);
    }

    /// <summary>
    /// The first application in the statement of a density the text writes of several variables, in another shape than the
    /// one its law was bound at, described for the reason; null when there is none.
    /// </summary>
    private string? DensityOfAnotherShape(Operand left, Operand right)
    {
        if (_boundShapes.Count == 0) return null;
        foreach (var side in new[] { left, right })
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(side.Node);
            for (var budget = 20_000; pending.Count > 0 && budget > 0; budget--)
            {
                var n = pending.Pop();
                foreach (var c in n.Children()) pending.Push(c);
                if (n is not Call { Callee: Identifier id, Arguments.Count: > 0 } call) continue;
                var name = MathBinder.FunctionName(id, side.Parsed);
                if (!_boundShapes.TryGetValue(name, out var bound) || !_scope.Context.Bound.ContainsKey(name)) continue;
                // Written of one variable only (q(z), q(z | x)): the letter names one density, and its law holds.
                if (!_writtenArguments.TryGetValue(name, out var written) || written.Count(w => w is not null) < 2) continue;
                var first = Matrices.MatrixScope.Unwrap(call.Arguments[0]) is Identifier v ? MathBinder.SymbolName(v, side.Parsed) : null;
                if (call.Arguments.Count == bound.Arity && first is not null && first == bound.Variable) continue;
                // p(μ + σ), p(0), p(μ) beside p(x) = 𝒩(x; μ, σ²): the same density at a point (an expression, a number or one of
                // its law's parameters), not the density of another variable.
                if (call.Arguments.Count == bound.Arity && bound.Arity == 1 && (first is null
                    || _scope.Context.Bound[name].Parameters.Any(p => Traversal.FreeSymbols(p).Any(s => s.Name == first)))) continue;
                return side.Parsed.GetText(call.Span).Trim() + " is another density than the " + bound.Text + " whose law the text gives on line "
                    + bound.Line.ToString(CultureInfo.InvariantCulture) + " (" + name + " is written of several variables, the density of whatever it is applied to), and the text gives no law for it here";
            }
        }
        return null;
    }

    /// <summary>A density letter whose law was bound at an application and that the text writes of several variables.</summary>
    private bool GenericDensity(string name) =>
        _boundShapes.ContainsKey(name) && _writtenArguments.TryGetValue(name, out var written) && written.Count(w => w is not null) >= 2;

    /// <summary>A decision made with the generic letters' laws set aside: kept when it holds (it holds for arbitrary densities), else undecided.</summary>
    private Verdict WithoutGenericLaws(string other, Func<Verdict> decide)
    {
        var saved = _scope.Context;
        foreach (var name in _boundShapes.Keys.Where(GenericDensity).ToList()) _scope.Context = _scope.Context.Without(name);
        Verdict v;
        try { v = decide(); }
        finally { _scope.Context = saved; }
        return v.Holds ? v : new Verdict(VerdictKind.Unsupported, other + "; with its laws set aside it is not shown to hold (" + v.Reason + "); not decided", v.Residue, null, v.PointsChecked);
    }
}
