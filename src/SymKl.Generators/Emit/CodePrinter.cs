using System.Globalization;

namespace SymKl.Generators.Emit;


/// <summary>
/// Common-subexpression elimination over a set of outputs (a value and its gradient share work): every
/// non-trivial node used more than once becomes a local, defined once in dependency order.
/// </summary>
internal sealed class Schedule
{
    private Schedule(List<Node> locals, Dictionary<Node, string> names, List<Node> constants)
    {
        Locals = locals;
        Names = names;
        Constants = constants;
    }

    /// <summary>Nodes computed into locals, in an order where each comes after what it uses.</summary>
    public List<Node> Locals { get; }

    public Dictionary<Node, string> Names { get; }

    /// <summary>Constants used, in first-use order (hoisted as vectors in vector code).</summary>
    public List<Node> Constants { get; }

    public static Schedule Build(IReadOnlyList<Node> outputs)
    {
        var refs = new Dictionary<Node, int>();
        var seen = new HashSet<Node>();
        void Count(Node n)
        {
            if (!seen.Add(n)) return;
            foreach (var a in n.Args)
            {
                refs[a] = refs.TryGetValue(a, out var r) ? r + 1 : 1;
                Count(a);
            }
        }
        foreach (var o in outputs)
        {
            refs[o] = refs.TryGetValue(o, out var r) ? r + 1 : 1;
            Count(o);
        }

        var locals = new List<Node>();
        var constants = new List<Node>();
        var names = new Dictionary<Node, string>();
        var done = new HashSet<Node>();
        void Order(Node n)
        {
            if (!done.Add(n)) return;
            if (n.Op == Op.Const) { constants.Add(n); return; }
            foreach (var a in n.Args) Order(a);
            if (!n.IsLeaf && refs[n] >= 2 && !(n.Op == Op.Neg && n.Args[0].IsLeaf))
            {
                names[n] = "t" + locals.Count.ToString(CultureInfo.InvariantCulture);
                locals.Add(n);
            }
        }
        foreach (var o in outputs) Order(o);
        return new Schedule(locals, names, constants);
    }
}

/// <summary>Prints nodes as C# expressions with the fewest parentheses that keep the evaluation order.</summary>
internal sealed class CodePrinter
{
    private readonly Schedule _schedule;
    private readonly IReadOnlyList<string> _parameters;
    private readonly VectorShape? _vector;
    private readonly Dictionary<Node, string> _constants = [];

    /// <summary>Prints scalar double code, or vector code in <paramref name="vector"/> lanes.</summary>
    public CodePrinter(Schedule schedule, IReadOnlyList<string> parameters, VectorShape? vector)
    {
        _schedule = schedule;
        _parameters = parameters;
        _vector = vector;
        if (vector is not null)
        {
            foreach (var c in schedule.Constants) _constants[c] = "c" + _constants.Count.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>"var c0 = Vector.Create(0.5);" lines for vector code.</summary>
    public IEnumerable<string> ConstantDeclarations() =>
        _constants.Select(kv => "var " + kv.Value + " = " + _vector!.Create(Literal(kv.Key.Value)) + ";");

    public IEnumerable<string> LocalDeclarations() =>
        _schedule.Locals.Select(n => "var " + _schedule.Names[n] + " = " + Expression(n, 0, defining: true) + ";");

    public string Print(Node n) => Expression(n, 0, defining: false);

    // Precedence: 1 additive, 2 multiplicative, 3 unary, 4 primary.
    private string Expression(Node n, int minPrecedence, bool defining)
    {
        if (!defining && _schedule.Names.TryGetValue(n, out var local)) return local;
        var (text, precedence) = Raw(n);
        return precedence < minPrecedence ? "(" + text + ")" : text;
    }

    private string Sub(Node n, int minPrecedence) => Expression(n, minPrecedence, defining: false);

    private (string Text, int Precedence) Raw(Node n)
    {
        switch (n.Op)
        {
            case Op.Const:
                if (_vector is not null) return (_constants[n], 4);
                var lit = Literal(n.Value);
                return (lit, lit.StartsWith("-", StringComparison.Ordinal) ? 3 : 4);
            case Op.Param:
                return (_parameters[n.Index], 4);
            case Op.Add:
                return (Sub(n.Args[0], 1) + " + " + Sub(n.Args[1], 2), 1);
            case Op.Sub:
                return (Sub(n.Args[0], 1) + " - " + Sub(n.Args[1], 2), 1);
            case Op.Mul:
                return (Sub(n.Args[0], 2) + " * " + Sub(n.Args[1], 3), 2);
            case Op.Div:
                return (Sub(n.Args[0], 2) + " / " + Sub(n.Args[1], 3), 2);
            case Op.Neg:
                return ("-" + Sub(n.Args[0], 4), 3);
            default:
                return (Call(n), 4);
        }
    }

    private string Call(Node n)
    {
        var args = string.Join(", ", n.Args.Select(a => Sub(a, 0)));
        var name = _vector is null ? ScalarFunction(n.Op) : VectorFunction(n.Op, _vector);
        return name + "(" + args + ")";
    }

    private static string ScalarFunction(Op op) => op switch
    {
        Op.Sqrt => "Math.Sqrt",
        Op.Log => "Math.Log",
        Op.Exp => "Math.Exp",
        Op.Abs => "Math.Abs",
        Op.Pow => "Math.Pow",
        Op.Sin => "Math.Sin",
        Op.Cos => "Math.Cos",
        Op.Tan => "Math.Tan",
        Op.Atan => "Math.Atan",
        _ => "KlMath." + op,
    };

    private static string VectorFunction(Op op, VectorShape vector) => op switch
    {
        Op.Sqrt => vector.SquareRoot,
        Op.Log => "KlMath.Log",
        Op.Exp => vector.Static + ".Exp",
        Op.Abs => vector.Static + ".Abs",
        Op.Log1p or Op.Expm1 or Op.XmLog1p or Op.Expm1mx or Op.KlTerm or Op.XLogY => "KlMath." + op,
        _ => throw new NotSupportedException("no vector form for " + op),
    };

    public static string Literal(double v)
    {
        if (v == Math.PI) return "Math.PI";
        if (v == Math.E) return "Math.E";
        if (double.IsPositiveInfinity(v)) return "double.PositiveInfinity";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        if (s.IndexOf('.') < 0 && s.IndexOf('E') < 0) s += ".0";
        return s;
    }
}
