using System.Globalization;

namespace SymKl.Generators.Emit;

/// <summary>The operations of emitted code. Each maps to a C# operator, a Math call or a helper in the generated KlMath class.</summary>
internal enum Op
{
    Const,
    Param,
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    Sqrt,
    Log,
    Exp,
    Abs,
    Pow,
    Log1p,
    Expm1,
    XmLog1p,
    Expm1mx,
    KlTerm,
    RateKl,
    LogGammaEntropy,
    BetaNegEntropy,
    XLogY,
    LogGamma,
    Digamma,
    Trigamma,
    LogGammaBregman,
    Gamma,
    Erf,
    Sin,
    Cos,
    Tan,
    Atan,
}

/// <summary>
/// A node of emitted code. Nodes are hash-consed by <see cref="NodeFactory"/>: two equal computations are
/// the same object, which is what common-subexpression elimination counts.
/// </summary>
internal sealed class Node : IEquatable<Node>
{
    private readonly int _hash;

    internal Node(Op op, double value, int index, Node[] args)
    {
        Op = op;
        Value = value;
        Index = index;
        Args = args;
        var h = ((int)op * 397) ^ index;
        h = (h * 397) ^ BitConverter.DoubleToInt64Bits(value).GetHashCode();
        foreach (var a in args) h = (h * 31) + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(a);
        _hash = h;
    }

    public Op Op { get; }
    public double Value { get; }

    /// <summary>The parameter's position, for <see cref="Op.Param"/>.</summary>
    public int Index { get; }

    public Node[] Args { get; }

    public bool IsLeaf => Op is Op.Const or Op.Param;

    /// <summary>True when this function has a Vector&lt;double&gt; form in the emitted code.</summary>
    public bool IsVectorizable => Op is not (Op.Pow or Op.LogGamma or Op.Digamma or Op.Trigamma or Op.LogGammaBregman or Op.RateKl or Op.LogGammaEntropy or Op.BetaNegEntropy or Op.Gamma or Op.Erf or Op.Sin or Op.Cos or Op.Tan or Op.Atan);

    public bool Equals(Node? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || Op != other.Op || Index != other.Index || BitConverter.DoubleToInt64Bits(Value) != BitConverter.DoubleToInt64Bits(other.Value) || Args.Length != other.Args.Length) return false;
        for (var i = 0; i < Args.Length; i++) if (!ReferenceEquals(Args[i], other.Args[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Node n && Equals(n);

    public override int GetHashCode() => _hash;

    public override string ToString() => Op switch
    {
        Op.Const => Value.ToString("R", CultureInfo.InvariantCulture),
        Op.Param => "p" + Index.ToString(CultureInfo.InvariantCulture),
        _ => Op + "(" + string.Join(", ", Args.Select(a => a.ToString())) + ")",
    };
}

/// <summary>Makes nodes, interning them (children are already interned, so equality is shallow).</summary>
internal sealed class NodeFactory
{
    private readonly Dictionary<Node, Node> _interned = [];

    private Node Intern(Node n)
    {
        if (_interned.TryGetValue(n, out var existing)) return existing;
        _interned[n] = n;
        return n;
    }

    public Node Const(double value) => Intern(new Node(Op.Const, value, 0, []));

    public Node Param(int index) => Intern(new Node(Op.Param, 0, index, []));

    public Node Make(Op op, params Node[] args)
    {
        // Fold the trivial cases so that emitted code has no "x * 1" or "0 + x".
        switch (op)
        {
            case Op.Mul when IsConst(args[0], 1): return args[1];
            case Op.Mul when IsConst(args[1], 1): return args[0];
            case Op.Div when IsConst(args[1], 1): return args[0];
            case Op.Add when IsConst(args[0], 0): return args[1];
            case Op.Add when IsConst(args[1], 0): return args[0];
            case Op.Sub when IsConst(args[1], 0): return args[0];
            case Op.Neg when args[0].Op == Op.Neg: return args[0].Args[0];
            case Op.Neg when args[0].Op == Op.Const: return Const(-args[0].Value);
        }
        return Intern(new Node(op, 0, 0, args));
    }

    private static bool IsConst(Node n, double v) => n.Op == Op.Const && n.Value == v;
}
