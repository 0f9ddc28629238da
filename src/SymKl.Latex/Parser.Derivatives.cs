using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// Derivative notation. A fraction is a derivative only when its denominator is d or ∂ followed by a
/// variable (dx, d x, \mathrm{d}x, \partial\mu, \partial x \partial y, dx^2) and its numerator is d or ∂
/// alone (an operator: \frac{d}{dx} f) or followed by what is differentiated (\frac{df}{dx}). Anything else
/// stays a fraction, so d as a genuine variable (\frac{d}{2}\log 2\pi) is untouched.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>The derivative a fraction writes, or null when it is an ordinary fraction.</summary>
    private static SyntaxNode? AsDerivative(TextSpan span, SyntaxNode numerator, SyntaxNode denominator)
    {
        var top = Flatten(numerator);
        if (AsVariational(span, top, denominator) is { } variational) return variational;
        if (!IsMarker(top[0], out bool topPartial, out int order)) return null;
        var variables = DenominatorVariables(denominator, out bool bottomPartial, out string? ambiguity) ?? ExpressionVariable(denominator, out bottomPartial);
        if (variables is null) return null;
        SyntaxNode? operand = top.Count switch
        {
            1 => null,
            2 => top[1],
            _ => new ImplicitMultiplication(Cover(top[1], top[top.Count - 1]), top.Skip(1).ToList(), FromLetterRun: false),
        };
        string? problem = ambiguity;
        if (problem is null && topPartial != bottomPartial) problem = "a derivative that mixes d and ∂";
        // \frac{\partial}{\partial \sigma^2}: first order above, so with respect to σ² (the second derivative writes ∂² above).
        if (problem is null && order == 1 && variables.Count > 1 && Flatten(denominator) is [_, Power])
            return new Derivative(span, [variables[0]], topPartial, operand, null, variables.Count);
        if (problem is null && order != variables.Count)
        {
            problem = "a derivative whose orders do not add up (" + order.ToString(System.Globalization.CultureInfo.InvariantCulture)
                  + " above, " + variables.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " below)";
        }
        return new Derivative(span, variables, topPartial, operand, problem);
    }

    /// <summary>
    /// \frac{\delta J}{\delta p(x)}: the functional derivative of J with respect to the function p at x. Physicists also
    /// write \delta p(x)\,dx below (the variation per unit of x), read the same. Many write ∂ for δ
    /// (\frac{\partial J}{\partial p(x)}, "the derivative with respect to the value p(x)"), and the operator form
    /// \frac{\delta}{\delta p(x)} takes what follows it. Null when the fraction is not of this form.
    /// </summary>
    private static SyntaxNode? AsVariational(TextSpan span, List<SyntaxNode> top, SyntaxNode denominator)
    {
        if (top.Count is not (1 or 2)) return null;
        bool delta = IsDelta(top[0]);
        if (!delta && !(IsMarker(top[0], out bool topPartial, out int topOrder) && topPartial && topOrder == 1)) return null;
        var bottom = Flatten(denominator);
        if (bottom.Count < 2 || !(delta ? IsDelta(bottom[0]) : bottom[0] is MathSymbol { Name: "partial" })) return null;
        if (bottom[1] is not Call { Callee: Identifier, Arguments: [Identifier at], Separators.Count: 0 } target) return null;
        // δp(x) dx: a trailing differential of the same variable.
        var rest = bottom.Skip(2).ToList();
        if (rest.Count != 0 && !(rest.Count == 2 && IsMarker(rest[0], out var partial, out var order) && !partial && order == 1 && rest[1] is Identifier dx && dx.Name == at.Name && dx.Subscript is null))
            return null;
        return new Derivative(span, [target], false, top.Count == 2 ? top[1] : null, Variational: true);
    }

    private static bool IsDelta(SyntaxNode node) => node is Identifier { Name: "delta", Subscript: null, Primes: 0, Decoration: null, Accent: null };

    /// <summary>d x \partial y, dxdy, d x^2: one variable per differentiation; null when this is not a denominator of a derivative.</summary>
    private static List<SyntaxNode>? DenominatorVariables(SyntaxNode denominator, out bool partial, out string? problem)
    {
        partial = false;
        problem = null;
        var items = Flatten(denominator);
        var variables = new List<SyntaxNode>();
        bool? kind = null;
        for (int i = 0; i < items.Count; i += 2)
        {
            if (!IsMarker(items[i], out bool p, out int markerOrder) || markerOrder != 1 || i + 1 >= items.Count) return null;
            if (kind is { } k && k != p) problem = "a derivative that mixes d and ∂";
            kind = p;
            var v = items[i + 1];
            int power = 1;
            if (v is Power { Base: Identifier b, Exponent: Number n } && int.TryParse(n.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int e) && e is >= 1 and <= 9)
            {
                v = b;
                power = e;
            }
            if (v is not Identifier id || IsMarker(id, out _, out _)) return null;
            for (int j = 0; j < power; j++) variables.Add(id);
        }
        if (variables.Count == 0) return null;
        partial = kind == true;
        return variables;
    }

    /// <summary>
    /// ∂φ(wᵀx_i), ∂wᵀx_i, ∂(a + b): one ∂ followed by an expression rather than a name, the chain rule's intermediate written
    /// out (\frac{\partial \mathcal{L}_i}{\partial \phi(w^T x_i)}). The whole rest is the one variable; what it means is left to
    /// the readers (the scalar binder declines a variable that is not a name). Only ∂ (a d may be a name), no second marker,
    /// and not a lone power (∂wᵀ: the layout of a derivative by a row is a convention; ∂σ² is read above). Null otherwise.
    /// </summary>
    private static List<SyntaxNode>? ExpressionVariable(SyntaxNode denominator, out bool partial)
    {
        partial = true;
        var items = Flatten(denominator);
        if (items.Count < 2 || items[0] is not MathSymbol { Name: "partial" } || items.Skip(1).Any(i => IsMarker(i, out _, out _))) return null;
        if (items.Count == 2 && items[1] is Identifier or Power) return null;
        var rest = items.Skip(1).ToList();
        return [rest.Count == 1 ? rest[0] : new ImplicitMultiplication(Cover(rest[0], rest[^1]), rest, FromLetterRun: false)];
    }

    /// <summary>d (upright or not, undecorated), \partial, or either to a small integer power (d^2, \partial^2).</summary>
    private static bool IsMarker(SyntaxNode node, out bool partial, out int order)
    {
        partial = false;
        order = 1;
        switch (node)
        {
            case Identifier { Name: "d", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Roman or NameStyle.Italic }:
                return true;
            case MathSymbol { Name: "partial" }:
                partial = true;
                return true;
            case Power { Exponent: Number n } p when int.TryParse(n.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k) && k is >= 1 and <= 9:
                order = k;
                return IsMarker(p.Base, out partial, out int inner) && inner == 1;
            default:
                return false;
        }
    }

    /// <summary>The factors of a product written side by side (nested runs flattened); d(…) read as d and the bracket.</summary>
    private static List<SyntaxNode> Flatten(SyntaxNode node)
    {
        var list = new List<SyntaxNode>();
        void Walk(SyntaxNode n)
        {
            switch (n)
            {
                case ImplicitMultiplication m:
                    foreach (var f in m.Factors) Walk(f);
                    break;
                case Call { Callee: Identifier callee, Arguments.Count: 1, Separators.Count: 0 } c when list.Count == 0 && IsMarker(callee, out _, out _):
                    list.Add(callee);
                    list.Add(new Group(TextSpan.FromBounds(callee.Span.End, c.Span.End), c.Bracket, c.Bracket, c.Arguments[0], Sized: false));
                    break;
                default:
                    list.Add(n);
                    break;
            }
        }
        Walk(node);
        return list;
    }

    /// <summary>
    /// A derivative operator with nothing inside (\frac{d}{dx}, \nabla_\theta) takes the factors written after it:
    /// \frac{d}{dx} x \log x is the derivative of x log x. Folded from the right, so d/dx d/dy f nests.
    /// </summary>
    private static void FoldDerivativeOperators(List<SyntaxNode> factors)
    {
        for (int i = factors.Count - 1; i >= 0; i--)
        {
            var op = factors[i] switch
            {
                Derivative { Operand: null } d => d,
                Subscript { Base: MathSymbol { Name: "nabla" }, Index: var v } s => new Derivative(s.Span, new[] { v }, true, null),
                // ∇²_w f, ∇_w² f: with the variable written, the Hessian (the Laplacian is ∇² with none), twice by w.
                Subscript { Base: Power { Base: MathSymbol { Name: "nabla" }, Exponent: Number { Text: "2" } }, Index: var v } s => new Derivative(s.Span, new[] { v, v }, true, null),
                Power { Base: Subscript { Base: MathSymbol { Name: "nabla" }, Index: var v }, Exponent: Number { Text: "2" } } s => new Derivative(s.Span, new[] { v, v }, true, null),
                // ∂_w f, ∂_{\mathbf{w}} f: the partial derivative (the gradient by a vector). Not by an index letter
                // (∂_i in index notation means ∂/∂x_i) nor by a number or a tuple (∂_1 f, ∂_{(w,b)}).
                Subscript { Base: MathSymbol { Name: "partial" }, Index: Identifier v } s when !IsIndexLetter(v) => new Derivative(s.Span, new SyntaxNode[] { v }, true, null),
                _ => null,
            };
            if (op is null && GradientAtArgument(factors, i) is { } gradient)
            {
                factors.RemoveRange(i, 2);
                factors.Insert(i, gradient);
                continue;
            }
            if (op is null) continue;
            if (i == factors.Count - 1)
            {
                factors[i] = op;
                continue;
            }
            var rest = factors.Skip(i + 1).ToList();
            SyntaxNode operand = rest.Count == 1 ? rest[0] : new ImplicitMultiplication(Cover(rest[0], rest[rest.Count - 1]), rest, FromLetterRun: false);
            factors.RemoveRange(i, factors.Count - i);
            factors.Add(op with { Span = Cover(op, operand), Operand = operand });
        }
    }

    /// <summary>
    /// ∇f(w) with no variable written: the gradient of f by its one argument, at that argument (∇_w f(w)); ∇f(x₀ + h) at an
    /// expression is f' there. Only a bare ∇ directly before the last factor, a named function of one argument; anything else
    /// stays unread (∇ of a product, of several arguments, the Laplacian ∇²).
    /// </summary>
    private static SyntaxNode? GradientAtArgument(List<SyntaxNode> factors, int i)
    {
        if (factors[i] is not MathSymbol { Name: "nabla" } nabla || i != factors.Count - 2) return null;
        if (factors[i + 1] is not Call { Callee: Identifier { Primes: 0 } f, Arguments: [var argument], Separators.Count: 0 } call) return null;
        var span = Cover(nabla, call);
        return argument is Identifier variable
            ? new Derivative(span, new[] { variable }, true, call)
            : call with { Span = span, Callee = f with { Primes = 1 } };
    }

    /// <summary>i, j, k, l alone: in ∂_i they name a coordinate's position, not a variable.</summary>
    private static bool IsIndexLetter(Identifier v) =>
        v.Subscript is null && v.Primes == 0 && v.Name is "i" or "j" or "k" or "l";

    /// <summary>Two variables written the same way (x and x in d²/dx²).</summary>
    private sealed class SameText : IEqualityComparer<SyntaxNode>
    {
        public static readonly SameText Instance = new();

        public bool Equals(SyntaxNode? x, SyntaxNode? y) => x is not null && y is not null && SyntaxPrinter.Print(x) == SyntaxPrinter.Print(y);

        public int GetHashCode(SyntaxNode obj) => StringComparer.Ordinal.GetHashCode(SyntaxPrinter.Print(obj));
    }
}
