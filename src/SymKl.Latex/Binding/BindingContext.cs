using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// What the binder may assume about names: which are functions (defined densities, f(x) = …), which are
/// plain variables, and what a bare \log means. The document verifier fills it as the context grows.
/// </summary>
public sealed class BindingContext
{
    /// <summary>Names known to be functions ("p", "q_theta", "f"): name(args) is an application.</summary>
    public ISet<string> Functions { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Names known to be plain variables: name(args) is a product.</summary>
    public ISet<string> Variables { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>An extra lookup for function names (e.g. the distribution context of a document).</summary>
    public Func<string, bool>? IsFunction { get; init; }

    /// <summary>An extra lookup for variable names.</summary>
    public Func<string, bool>? IsVariable { get; init; }

    /// <summary>The parameters of a function the document defined by a formula (p, q, λ for L(p, q, λ) = …), or null.</summary>
    public Func<string, IReadOnlyList<Sym>?>? FunctionParameters { get; init; }

    /// <summary>Names of random variables with a distribution in force (x ∼ 𝒩(μ, σ²)): \mathbb{E}[f(x)] is over x.</summary>
    public Func<string, bool>? IsRandomVariable { get; init; }

    /// <summary>The variable a density was defined in (z for q(z) = …), for \mathbb{E}_q[f] whose f does not show it.</summary>
    public Func<string, string?>? DensityVariable { get; init; }

    /// <summary>The one variable the document writes a density in everywhere (z for q(z), q(z | x)); null when none or several.</summary>
    public Func<string, string?>? WrittenDensityVariable { get; init; }

    /// <summary>Whether a name is the variable some density of the document is written in (x for p(x) = …).</summary>
    public Func<string, bool>? IsDensityVariable { get; init; }

    /// <summary>
    /// The definitions in force applied to an expression (defined symbols and functions substituted, integrals,
    /// expectations and functionals replaced by their closed forms), so that a derivative of it can be taken.
    /// Without it, derivatives are taken of the expression as written.
    /// </summary>
    public Func<Expr, Expr>? Expand { get; init; }

    /// <summary>
    /// E(X) with parentheses is the expectation operator (as E[X] is), not a function E or a symbol E times X: true when
    /// the document uses E as an operator (it gives no E a value and has no quantity E_i, \bar{E}, E(x, y)).
    /// </summary>
    public bool ExpectationCalls { get; init; }

    /// <summary>What a bare \log or log means (natural unless the document says otherwise). \ln is always natural.</summary>
    public LogBase LogBase { get; init; } = LogBase.Natural;

    /// <summary>
    /// p(y | X = value) as the row of a table of p(y | x) the document defines (H(Y | X = 0) is its entropy): the
    /// probabilities of Y given the event, by the names of Y and X and the event's value; null when no such table is known.
    /// </summary>
    public Func<string, string, int, IReadOnlyList<Expr>?>? ConditionalRow { get; init; }

    /// <summary>The formula the document gave a symbol (Y = aX + b: an affine image of a random variable), or null.</summary>
    public Func<string, Expr?>? SymbolValue { get; init; }

    /// <summary>
    /// A name the text introduces as a quantity of its model (the output of the network, the loss, the activation) and
    /// gives no value SymKl can read: it may depend on any variable a derivative is taken by, so it is not a constant there.
    /// </summary>
    public Func<string, bool>? IsDependentQuantity { get; init; }

    public static BindingContext Default => new();

    public bool KnowsFunction(string name) => Functions.Contains(name) || IsFunction?.Invoke(name) == true;

    public bool KnowsVariable(string name) => Variables.Contains(name) || IsVariable?.Invoke(name) == true;
}
