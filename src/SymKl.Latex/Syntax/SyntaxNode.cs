namespace SymKl.Latex.Syntax;

/// <summary>
/// A node of the LaTeX syntax tree. Immutable; every node knows the span of the ORIGINAL input it came
/// from (repairs never shift positions). <see cref="SyntaxPrinter"/> prints a compact S-expression.
/// </summary>
public abstract record SyntaxNode(TextSpan Span)
{
    /// <summary>The direct children, in source order.</summary>
    public abstract IEnumerable<SyntaxNode> Children();

    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.Children().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    public sealed override string ToString() => SyntaxPrinter.Print(this);

    protected static IEnumerable<SyntaxNode> Of(params SyntaxNode?[] nodes)
    {
        foreach (var n in nodes)
        {
            if (n is not null) yield return n;
        }
    }
}

/// <summary>The font of a name: \mathbf{x} is Bold "x", \mathcal{N} Calligraphic "N", \mathrm{KL} Roman "KL".</summary>
public enum NameStyle
{
    Normal,
    Bold,
    Roman,
    Italic,
    Calligraphic,
    Script,
    Blackboard,
    Fraktur,
    SansSerif,
    Typewriter,
}

/// <summary>Which bracket a group was written with (None: invisible, as in \left. or \right.).</summary>
public enum Bracket
{
    None,
    Paren,
    Square,
    Brace,
    Angle,
    Bar,
    DoubleBar,
    Floor,
    Ceil,
}

public enum FractionStyle
{
    Frac,
    DFrac,
    TFrac,
    CFrac,
    Over,
}

public enum BinaryOperator
{
    Add,
    Subtract,
    PlusMinus,
    MinusPlus,
    /// <summary>Explicit multiplication: *, \cdot, \times, \ast, \odot (elementwise; its Token tells it apart).</summary>
    Multiply,
    /// <summary>Explicit division: /, \div.</summary>
    Divide,
}

public enum UnaryOperator
{
    Negate,
    Plus,
    PlusMinus,
    MinusPlus,
}

/// <summary>What a relation token says. Negated forms (\neq, \not\equiv, \notin) have Negated = true.</summary>
public enum RelationKind
{
    Equal,
    Equivalent,
    Approx,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    MuchLess,
    MuchGreater,
    Sim,
    SimEqual,
    Congruent,
    Propto,
    In,
    Subset,
    SubsetEqual,
    /// <summary>:=, \coloneqq, \triangleq, \overset{def}{=}</summary>
    Define,
    /// <summary>\to, \rightarrow (as in n \to \infty)</summary>
    To,
    MapsTo,
    Implies,
    Iff,
}

/// <summary>A relation token of a chain, with its span in the source.</summary>
public readonly record struct RelationOperator(RelationKind Kind, bool Negated, TextSpan Span)
{
    public string Symbol => SymKl.Latex.Symbols.RelationSymbol(Kind, Negated);
}

/// <summary>An argument separator kept in calls and groups: ",", ";", ":", "|" (also \mid) or "||" (also \|, \parallel).</summary>
public readonly record struct Separator(string Text, TextSpan Span);
