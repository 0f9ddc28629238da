using System.Globalization;
using SymKl.Derivations.Reports;
using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Emits the C# of one verified derivation: the scalar function, its gradient, batched Span&lt;double&gt; and
/// Span&lt;float&gt; forms (vectorised with Vector&lt;double&gt; when every operation has a vector form), sums over
/// spans, and their gradients. The steps:
/// <list type="number">
/// <item>the form to evaluate, chosen by this accuracy model: the derivation's own <c>careful:</c> form first
/// (written so that every term is non-negative, small where the divergence is small, or kept in the log domain
/// where a factor would overflow: nothing the emitter can infer from the normal form alone); else the
/// <see cref="Restructurer"/>'s cancellation-free form of the normal form; else the result as written. A
/// careful or restructured form is used only when it is proved (or, failing a proof, confirmed at sample points)
/// equal to the result; a careful form that is neither is an error;</item>
/// <item>the gradient by <see cref="CarefulDerivative"/> of that form, each partial checked against the
/// derivative of the result as written;</item>
/// <item>lowering to code nodes (<see cref="Lowering"/>), one schedule with shared subexpressions for the
/// value and all partials, and a last check of the lowered code against the result.</item>
/// </list>
/// </summary>
internal static class DerivationEmitter
{
    private const int CheckPoints = 40;

    public static EmitResult Emit(EmitRequest request)
    {
        var notes = new List<string>();
        var a = request.Assumptions;
        var budget = new Budget();
        var symbols = request.Parameters.Select(p => p.Symbol).ToList();
        var points = Sampling.Points(symbols, a, request.FiniteWhen, CheckPoints);
        if (points.Count < 8) throw new EmitException("could not find enough parameter values that satisfy the assumptions to check the generated code");

        // 1. value
        var result = request.Result;
        Expr normalized;
        try { normalized = Normalizer.Normalize(result, a, budget); }
        catch (BudgetExceededException) { normalized = result; }
        if (!Agrees(normalized, result, points, out _)) normalized = result;
        Expr careful;
        VerdictKind? how; // how the careful form was shown equal to the result; null when the plain form is emitted
        if (request.Careful is not null)
        {
            // The derivation's own careful form ranks first (see the class comment); it must equal the result.
            careful = request.Careful;
            if (ProvedEqual(careful, result, a)) how = VerdictKind.Proved;
            else if (Agrees(careful, result, points, out var cwhy)) how = VerdictKind.Confirmed;
            else throw new EmitException("the careful form is not equal to the result (" + cwhy + ")");
        }
        else if (!Traversal.Any(careful = Restructurer.Restructure(normalized, a, new Budget()), Markers.IsMarker))
        {
            // Nothing to make careful: the form the author wrote (log of a ratio, a square of a difference) is kept.
            careful = result;
            how = null;
        }
        else if (ProvedEqual(careful, result, a))
        {
            how = VerdictKind.Proved;
        }
        else if (Agrees(careful, result, points, out var why))
        {
            how = VerdictKind.Confirmed;
        }
        else
        {
            notes.Add("the cancellation-free form did not agree with the result (" + why + "); the plain form is emitted");
            careful = normalized;
            how = null;
        }
        var carefulLatex = LatexPrinter.Print(careful);
        if (how is { } shown) notes.Add((request.Careful is null ? "cancellation-free form " : "the derivation's careful form ") + ReportText.VerdictName(shown) + " equal to the result: " + carefulLatex);

        // 2. gradient
        var gradients = new List<Expr>();
        foreach (var p in request.Parameters)
        {
            Expr reference;
            try { reference = CarefulDerivative.Of(result, p.Symbol); }
            catch (NotSupportedException e) { throw new EmitException("cannot differentiate the result with respect to " + p.Latex + ": " + e.Message); }
            Expr g;
            try { g = CarefulDerivative.Of(careful, p.Symbol); }
            catch (NotSupportedException) { g = reference; }
            if (!ReferenceEquals(g, reference) && !Agrees(g, reference, points, out var gwhy))
            {
                notes.Add("the careful partial derivative by " + p.Latex + " did not agree with the derivative of the result (" + gwhy + "); the plain one is emitted");
                g = reference;
            }
            gradients.Add(g);
        }

        // 3. lowering and a last check of the code itself
        var factory = new NodeFactory();
        var index = new Dictionary<Sym, int>();
        for (var i = 0; i < symbols.Count; i++) index[symbols[i]] = i;
        var lowering = new Lowering(factory, index);
        Node value;
        List<Node> partials;
        List<(Node Lhs, Relation Relation, Node Rhs)> guards;
        try
        {
            value = lowering.Lower(careful);
            partials = gradients.Select(lowering.Lower).ToList();
            guards = request.FiniteWhen.Select(c => (lowering.Lower(c.Lhs), c.Relation, lowering.Lower(c.Rhs))).ToList();
        }
        catch (NotSupportedException e)
        {
            throw new EmitException(e.Message);
        }
        // One reciprocal instead of several divisions by the same parameter (value, partials and guards together).
        var roots = Reciprocals.Apply(factory, [value, .. partials, .. guards.SelectMany(g => new[] { g.Lhs, g.Rhs })]);
        value = roots[0];
        partials = roots.Skip(1).Take(partials.Count).ToList();
        guards = guards.Select((g, i) => (roots[1 + partials.Count + 2 * i], g.Relation, roots[2 + partials.Count + 2 * i])).ToList();
        CheckCode(value, result, points, symbols, "the value");
        for (var i = 0; i < partials.Count; i++) CheckCode(partials[i], gradients[i], points, symbols, "∂/∂" + request.Parameters[i].Latex);

        // 4. where the careful form differs from the result as written, the written form too, for callers who
        // trade relative accuracy near p = q for speed (it needs no careful helpers and no branches).
        Node? written = null;
        if (how is not null)
        {
            try
            {
                written = Reciprocals.Apply(factory, [lowering.Lower(result)])[0];
                CheckCode(written, result, points, symbols, "the value as written");
            }
            catch (NotSupportedException)
            {
                written = null;
            }
        }

        var all = new List<Node> { value };
        all.AddRange(partials);
        all.AddRange(guards.SelectMany(g => new[] { g.Lhs, g.Rhs }));
        var vectorized = AllNodes(all).All(n => n.IsVectorizable);
        var source = new MethodWriter(request, value, partials, guards, vectorized, written).Write();
        return new EmitResult(source, carefulLatex, vectorized, notes);
    }

    private static IEnumerable<Node> AllNodes(IEnumerable<Node> roots)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(roots);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            yield return n;
            foreach (var c in n.Args) stack.Push(c);
        }
    }

    private static bool ProvedEqual(Expr careful, Expr result, Assumptions a)
    {
        try
        {
            var budget = new Budget();
            var residue = Normalizer.Normalize(Ex.Sub(Markers.Expand(careful), result), a, budget);
            return Normalizer.IsZero(residue, a, budget);
        }
        catch (BudgetExceededException)
        {
            return false;
        }
    }

    /// <summary>Both sides agree at every sample point where the reference is defined (relative 1e-9 beyond their error bounds).</summary>
    private static bool Agrees(Expr candidate, Expr reference, List<Dictionary<Sym, double>> points, out string why)
    {
        var compared = 0;
        foreach (var p in points)
        {
            var r = Sampling.EvaluateApprox(reference, p);
            if (!r.IsDefined) continue;
            var c = Sampling.EvaluateApprox(candidate, p);
            compared++;
            if (!ErrorTolerance.OtherForm.Agree(c, r))
            {
                why = "at " + string.Join(", ", p.Select(kv => kv.Key.Name + " = " + kv.Value.ToString("G6", CultureInfo.InvariantCulture))) +
                      ": " + c.Value.ToString("R", CultureInfo.InvariantCulture) + " against " + r.Value.ToString("R", CultureInfo.InvariantCulture);
                return false;
            }
        }
        why = compared == 0 ? "no point where both are defined" : "";
        return compared > 0;
    }

    private static void CheckCode(Node code, Expr reference, List<Dictionary<Sym, double>> points, List<Sym> symbols, string what)
    {
        foreach (var p in points)
        {
            var r = Sampling.EvaluateApprox(reference, p);
            if (!r.IsDefined) continue;
            var v = Interpreter.Evaluate(code, symbols.Select(s => p[s]).ToArray());
            var emitted = new Approx(v, 0);
            if (!emitted.IsDefined || ErrorTolerance.EmittedCode.Differ(emitted, r))
                throw new EmitException("internal error: the emitted code for " + what + " gives " + v.ToString("R", CultureInfo.InvariantCulture) +
                                        " where the result is " + r.Value.ToString("R", CultureInfo.InvariantCulture) + " (at " +
                                        string.Join(", ", p.Select(kv => kv.Key.Name + " = " + kv.Value.ToString("G6", CultureInfo.InvariantCulture))) + ")");
        }
    }
}

/// <summary>The emitter could not produce code for a derivation; the message says why.</summary>
internal sealed class EmitException(string message) : Exception(message);
