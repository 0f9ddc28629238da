using System.Collections;

namespace SymKl.Symbolic;

/// <summary>The kinds of node, in canonical order: numbers sort first, then constants, symbols, …</summary>
public enum ExprKind
{
    Number = 0,
    Constant = 1,
    Symbol = 2,
    Power = 3,
    Product = 4,
    Sum = 5,
    Function = 6,
    Apply = 7,
    Integral = 8,
    Summation = 9,
    Expectation = 10,
    Functional = 11,
    IndexedProduct = 12,
}

/// <summary>
/// An immutable expression in canonical form. Instances are only made by the smart constructors in
/// <see cref="Ex"/>, which enforce the invariants (flattened, ordered, like terms collected), so two
/// expressions that are structurally equal are the same mathematical object in the same form.
/// </summary>
public abstract class Expr : IEquatable<Expr>, IComparable<Expr>
{
    private int _hash;

    public abstract ExprKind Kind { get; }

    /// <summary>The direct children, in order.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    protected abstract int ComputeHash();

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = ComputeHash();
            _hash = h == 0 ? 1 : h;
        }
        return _hash;
    }

    public override bool Equals(object? obj) => obj is Expr e && Equals(e);

    public bool Equals(Expr? other) =>
        other is not null && (ReferenceEquals(this, other) || (GetHashCode() == other.GetHashCode() && ExprOrder.Compare(this, other) == 0));

    public int CompareTo(Expr? other) => other is null ? 1 : ExprOrder.Compare(this, other);

    public static bool operator ==(Expr? a, Expr? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Expr? a, Expr? b) => !(a == b);

    public static Expr operator +(Expr a, Expr b) => Ex.Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Ex.Sub(a, b);
    public static Expr operator -(Expr a) => Ex.Neg(a);
    public static Expr operator *(Expr a, Expr b) => Ex.Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Ex.Div(a, b);
    public static implicit operator Expr(int value) => Ex.Num(value);

    public bool IsZero => this is Num n && n.Value.IsZero;
    public bool IsOne => this is Num n && n.Value.IsOne;

    /// <summary>Readable LaTeX; see <see cref="LatexPrinter"/>.</summary>
    public override string ToString() => LatexPrinter.Print(this);
}

/// <summary>An exact rational constant.</summary>
public sealed class Num : Expr
{
    internal Num(Rational value) => Value = value;
    public Rational Value { get; }
    public override ExprKind Kind => ExprKind.Number;
    public override IReadOnlyList<Expr> Children => [];
    protected override int ComputeHash() => Value.GetHashCode();
}

public enum ConstantKind { Pi, E }

/// <summary>A named transcendental constant: π or Euler's number e.</summary>
public sealed class Constant : Expr
{
    internal Constant(ConstantKind which) => Which = which;
    public ConstantKind Which { get; }
    public override ExprKind Kind => ExprKind.Constant;
    public override IReadOnlyList<Expr> Children => [];
    protected override int ComputeHash() => Hash.Combine(17, (int)Which);
    public double Value => Which == ConstantKind.Pi ? Math.PI : Math.E;
}

/// <summary>A real parameter or variable. What is known about it lives in <see cref="Assumptions"/>, not here.</summary>
public sealed class Sym : Expr
{
    internal Sym(string name) => Name = name;

    /// <summary>Canonical name: a Latin letter or Greek letter name, optionally "_" and a subscript ("sigma_1", "x", "mu_q").</summary>
    public string Name { get; }

    /// <summary>The name without its subscript ("sigma" for "sigma_1").</summary>
    public string BaseName
    {
        get
        {
            var i = Name.IndexOf('_');
            return i < 0 ? Name : Name.Substring(0, i);
        }
    }

    public override ExprKind Kind => ExprKind.Symbol;
    public override IReadOnlyList<Expr> Children => [];
    protected override int ComputeHash() => Hash.Combine(31, StringComparer.Ordinal.GetHashCode(Name));
}

/// <summary>Sum of at least two terms; at most one number, first; no two terms with the same monomial.</summary>
public sealed class Add : Expr
{
    internal Add(Expr[] terms) => Terms = new ReadOnlyArray(terms);
    public ReadOnlyArray Terms { get; }
    public override ExprKind Kind => ExprKind.Sum;
    public override IReadOnlyList<Expr> Children => Terms;
    protected override int ComputeHash() => Terms.Hash(41);
}

/// <summary>Product of at least two factors; at most one number, first; no two factors with the same base.</summary>
public sealed class Mul : Expr
{
    internal Mul(Expr[] factors) => Factors = new ReadOnlyArray(factors);
    public ReadOnlyArray Factors { get; }
    public override ExprKind Kind => ExprKind.Product;
    public override IReadOnlyList<Expr> Children => Factors;
    protected override int ComputeHash() => Factors.Hash(43);
}

/// <summary>Base raised to Exponent; the exponent is never 0 or 1.</summary>
public sealed class Pow : Expr
{
    internal Pow(Expr @base, Expr exponent) { Base = @base; Exponent = exponent; }
    public Expr Base { get; }
    public Expr Exponent { get; }
    public override ExprKind Kind => ExprKind.Power;
    public override IReadOnlyList<Expr> Children => [Base, Exponent];
    protected override int ComputeHash() => Hash.Combine(47, Base.GetHashCode(), Exponent.GetHashCode());
}

/// <summary>The known functions. exp is not here: e^x is <see cref="Pow"/> with base e.</summary>
public enum FunctionKind
{
    Log,
    Abs,
    Sin,
    Cos,
    Tan,
    Atan,
    Erf,
    Gamma,
    LogGamma,
    Digamma,
}

/// <summary>A known function applied to its arguments.</summary>
public sealed class Fn : Expr
{
    internal Fn(FunctionKind function, Expr[] args) { Function = function; Args = new ReadOnlyArray(args); }
    public FunctionKind Function { get; }
    public ReadOnlyArray Args { get; }
    public Expr Arg => Args[0];
    public override ExprKind Kind => ExprKind.Function;
    public override IReadOnlyList<Expr> Children => Args;
    protected override int ComputeHash() => Args.Hash(Hash.Combine(53, (int)Function));
}

/// <summary>An application of a function that has no definition here (an abstract density p(x), f(x)).</summary>
public sealed class Apply : Expr
{
    internal Apply(string name, Expr[] args) { Name = name; Args = new ReadOnlyArray(args); }
    public string Name { get; }
    public ReadOnlyArray Args { get; }
    public override ExprKind Kind => ExprKind.Apply;
    public override IReadOnlyList<Expr> Children => Args;
    protected override int ComputeHash() => Args.Hash(Hash.Combine(59, StringComparer.Ordinal.GetHashCode(Name)));
}

/// <summary>
/// A node that binds a variable in its body: ∫ f dx, Σ_x f, E_x[f]. Its children are the body, the variable, then
/// what lies outside the binder's scope (limits, the distribution).
/// </summary>
public abstract class BinderNode : Expr
{
    private protected BinderNode(Expr body, Sym variable) { Body = body; Variable = variable; }
    public Expr Body { get; }
    public Sym Variable { get; }
}

/// <summary>
/// A binder over a range of its variable (∫, Σ, ∏): Lower and Upper, both null for the whole support or set. Its
/// children are the body, the variable, then the limits when there are two.
/// </summary>
public abstract class RangedBinderNode : BinderNode
{
    private protected RangedBinderNode(Expr body, Sym variable, Expr? lower, Expr? upper) : base(body, variable) { Lower = lower; Upper = upper; }
    public Expr? Lower { get; }
    public Expr? Upper { get; }
    public override IReadOnlyList<Expr> Children => Lower is null || Upper is null ? [Body, Variable] : [Body, Variable, Lower, Upper];

    /// <summary>Tells the kinds apart in the hash (∫ and Σ over the same body and range differ).</summary>
    private protected abstract int HashSeed { get; }

    protected override int ComputeHash() => Hash.Combine(HashSeed, Body.GetHashCode(), Hash.Combine(Variable.GetHashCode(), Lower?.GetHashCode() ?? 0, Upper?.GetHashCode() ?? 0));
}

/// <summary>∫ Body dVar over (Lower, Upper); both limits null means over the whole support.</summary>
public sealed class Integral : RangedBinderNode
{
    internal Integral(Expr body, Sym variable, Expr? lower, Expr? upper) : base(body, variable, lower, upper) { }
    public override ExprKind Kind => ExprKind.Integral;
    private protected override int HashSeed => 61;
}

/// <summary>Σ Body over Variable from Lower to Upper; no limits means over the whole (finite) support.</summary>
public sealed class Summation : RangedBinderNode
{
    internal Summation(Expr body, Sym variable, Expr? lower, Expr? upper) : base(body, variable, lower, upper) { }
    public override ExprKind Kind => ExprKind.Summation;
    private protected override int HashSeed => 67;
}

/// <summary>
/// ∏ Body over Variable from Lower to Upper (both limits symbolic or numeric); no limits means over the whole (finite)
/// set the index ranges over. Made by <see cref="Ex.IndexedProduct"/>, which writes out what needs no index.
/// </summary>
public sealed class IndexedProduct : RangedBinderNode
{
    internal IndexedProduct(Expr body, Sym variable, Expr? lower, Expr? upper) : base(body, variable, lower, upper) { }
    public override ExprKind Kind => ExprKind.IndexedProduct;
    private protected override int HashSeed => 79;
}

/// <summary>E_{Variable ~ Distribution}[Body]; Distribution is an <see cref="Apply"/> naming a density or a family.</summary>
public sealed class Expectation : BinderNode
{
    internal Expectation(Expr body, Sym variable, Expr distribution) : base(body, variable) { Distribution = distribution; }
    public Expr Distribution { get; }
    public override ExprKind Kind => ExprKind.Expectation;
    public override IReadOnlyList<Expr> Children => [Body, Variable, Distribution];
    protected override int ComputeHash() => Hash.Combine(71, Body.GetHashCode(), Hash.Combine(Variable.GetHashCode(), Distribution.GetHashCode()));
}

public enum FunctionalKind { KL, Entropy, CrossEntropy }

/// <summary>An information functional of distributions: KL(p‖q), H(p), H(p, q). Arguments name densities.</summary>
public sealed class Functional : Expr
{
    internal Functional(FunctionalKind which, Expr[] args) { Which = which; Args = new ReadOnlyArray(args); }
    public FunctionalKind Which { get; }
    public ReadOnlyArray Args { get; }
    public override ExprKind Kind => ExprKind.Functional;
    public override IReadOnlyList<Expr> Children => Args;
    protected override int ComputeHash() => Args.Hash(Hash.Combine(73, (int)Which));
}

/// <summary>A read-only view over a node's child array (the array is never exposed or mutated).</summary>
public sealed class ReadOnlyArray : IReadOnlyList<Expr>
{
    private readonly Expr[] _items;
    internal ReadOnlyArray(Expr[] items) => _items = items;
    public Expr this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<Expr> GetEnumerator() => ((IEnumerable<Expr>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
    internal Expr[] ToArray() => (Expr[])_items.Clone();

    internal int Hash(int seed)
    {
        var h = seed;
        foreach (var e in _items) h = Symbolic.Hash.Combine(h, e.GetHashCode());
        return h;
    }
}
