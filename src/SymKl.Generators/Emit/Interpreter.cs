using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Evaluates emitted-code nodes in double precision, with the same careful helpers the generated KlMath
/// class has, so the generator can check the code it is about to print against the verified result.
/// </summary>
internal static class Interpreter
{
    public static double Evaluate(Node n, IReadOnlyList<double> parameters, Dictionary<Node, double>? memo = null)
    {
        memo ??= [];
        if (memo.TryGetValue(n, out var cached)) return cached;
        var a = n.Args.Select(x => Evaluate(x, parameters, memo)).ToArray();
        var v = n.Op switch
        {
            Op.Const => n.Value,
            Op.Param => parameters[n.Index],
            Op.Add => a[0] + a[1],
            Op.Sub => a[0] - a[1],
            Op.Mul => a[0] * a[1],
            Op.Div => a[0] / a[1],
            Op.Neg => -a[0],
            Op.Sqrt => Math.Sqrt(a[0]),
            Op.Log => Math.Log(a[0]),
            Op.Exp => Math.Exp(a[0]),
            Op.Abs => Math.Abs(a[0]),
            Op.Pow => Math.Pow(a[0], a[1]),
            Op.Log1p => Log1p(a[0]),
            Op.Expm1 => Expm1(a[0]),
            Op.XmLog1p => Math.Abs(a[0]) < 0.25 ? a[0] - Log1p(a[0]) : a[0] - Math.Log(a[1]),
            Op.Expm1mx => Expm1(a[0]) - a[0],
            Op.KlTerm => a[0] == 0 ? a[1] : a[0] * (a[1] / a[0] - (Math.Abs(a[1] / a[0]) < 0.25 ? Log1p(a[1] / a[0]) : Math.Log(a[2]))),
            Op.RateKl => a[2] <= 0 ? a[1] * (a[2] - Math.Log(a[3])) + (a[0] - a[1]) * a[2] : a[0] * (a[2] - Math.Log(a[3])) + (a[0] - a[1]) * Math.Log(a[3]),
            Op.LogGammaEntropy => SpecialFunctions.LogGamma(a[0]) - (a[0] - 1) * SpecialFunctions.Digamma(a[0]) + a[0],
            Op.BetaNegEntropy => SpecialFunctions.LogGamma(a[0] + a[1]) - SpecialFunctions.LogGamma(a[0]) - SpecialFunctions.LogGamma(a[1])
                + (a[0] - 1) * (SpecialFunctions.Digamma(a[0]) - SpecialFunctions.Digamma(a[0] + a[1])) + (a[1] - 1) * (SpecialFunctions.Digamma(a[1]) - SpecialFunctions.Digamma(a[0] + a[1])),
            Op.XLogY => a[0] == 0 ? 0 : a[0] * Math.Log(a[1]),
            Op.LogGamma => SpecialFunctions.LogGamma(a[0]),
            Op.Digamma => SpecialFunctions.Digamma(a[0]),
            Op.Trigamma => SpecialFunctions.Trigamma(a[0]),
            Op.LogGammaBregman => SpecialFunctions.LogGamma(a[0]) - SpecialFunctions.LogGamma(a[1]) - (a[0] - a[1]) * SpecialFunctions.Digamma(a[1]),
            Op.Gamma => SpecialFunctions.Gamma(a[0]),
            Op.Erf => SpecialFunctions.Erf(a[0]),
            Op.Sin => Math.Sin(a[0]),
            Op.Cos => Math.Cos(a[0]),
            Op.Tan => Math.Tan(a[0]),
            Op.Atan => Math.Atan(a[0]),
            _ => double.NaN,
        };
        memo[n] = v;
        return v;
    }

    private static double Log1p(double x) => SpecialFunctions.Log1p(x);

    private static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }
}
