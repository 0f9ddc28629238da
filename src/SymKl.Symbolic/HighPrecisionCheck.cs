namespace SymKl.Symbolic;

/// <summary>One sampled point: the value of each symbol and both sides' double values there.</summary>
public sealed record SamplePoint(IReadOnlyDictionary<Sym, double> Values, double Lhs, double Rhs)
{
    public double Value(Sym s) => Values.TryGetValue(s, out var v) ? v : double.NaN;
}

/// <summary>
/// Re-examines a residue lhs − rhs that agreed with 0 in double precision, where doubles cannot hide a
/// real difference: exactly (rational arithmetic) when the residue is a rational function, otherwise in
/// rigorous interval arithmetic at <see cref="Bits"/> bits, then <see cref="MoreBits"/> when the enclosure is
/// too wide to say. A point agrees when the enclosure contains 0 and is narrower than
/// <see cref="RelativeTolerance"/> times the size of the terms; it differs when the enclosure excludes 0.
/// </summary>
public static class HighPrecisionCheck
{
    /// <summary>Working precision: 256 bits, about 77 significant digits.</summary>
    public const int Bits = 256;

    /// <summary>The second try for enclosures widened by cancellation: 1024 bits, about 308 digits.</summary>
    public const int MoreBits = 1024;

    /// <summary>log2 of the largest width of an agreeing enclosure relative to the terms' size: 2^−100 ≈ 10^−30.</summary>
    public const int RelativeToleranceLog2 = -100;

    /// <summary>Largest numerator or denominator, in bits, that exact evaluation may build.</summary>
    private const long MaxExactBits = 200_000;

    public static string RelativeTolerance => "10^-30";

    public enum Outcome { Agrees, Differs, Unavailable }

    public sealed record Result(Outcome Outcome, string Detail, SamplePoint? Point = null, double Difference = double.NaN);

    /// <summary>Why the residue cannot be checked at high precision at all, or null when it can.</summary>
    public static string? WhyNotBoundable(Expr residue)
    {
        if (IntervalEvaluator.CanBound(residue)) return null;
        var special = new List<string>();
        Traversal.Any(residue, x =>
        {
            if (x is Fn f && !IntervalEvaluator.CanBoundFunction(f.Function) && !special.Contains(f.Function.ToString())) special.Add(f.Function.ToString());
            return false;
        });
        return special.Count > 0
            ? "the residue contains " + string.Join(", ", special) + ", which the high-precision check cannot bound"
            : "the residue contains integrals, sums or undefined functions, which the high-precision check cannot bound";
    }

    /// <summary>Checks the residue at every point (the points where both sides are defined in double precision).</summary>
    public static Result Check(Expr residue, IReadOnlyList<SamplePoint> points, int minPoints)
    {
        if (WhyNotBoundable(residue) is { } why) return new(Outcome.Unavailable, why);
        var rational = IsRationalFunction(residue);
        var agreeing = 0;
        var exact = 0;
        string? lastProblem = null;
        // Exact or 256-bit arithmetic costs far more than doubles: each point is charged its nodes (WorkBudget).
        var pointUnits = WorkBudget.Nodes(residue) * 4;
        foreach (var point in points)
        {
            WorkBudget.Charge(pointUnits);
            if (rational)
            {
                try
                {
                    if (ExactValue(residue, point) is { } value)
                    {
                        if (!value.IsZero) return new(Outcome.Differs, "exactly, in rational arithmetic", point, value.ToDouble());
                        agreeing++; exact++;
                        continue;
                    }
                }
                catch (DivideByZeroException)
                {
                    // The residue has a pole here although both sides were defined in doubles: decide nothing at this point.
                    continue;
                }
            }
            var (outcome, difference, problem) = AtPoint(residue, point);
            switch (outcome)
            {
                case Outcome.Differs:
                    return new(Outcome.Differs, $"in interval arithmetic at {MoreBits} bits", point, difference);
                case Outcome.Agrees:
                    agreeing++;
                    break;
                default:
                    lastProblem = problem;
                    break;
            }
        }
        if (agreeing < minPoints)
            return new(Outcome.Unavailable, $"the residue could be bounded at high precision at only {agreeing} of {points.Count} points" + (lastProblem is null ? "" : " (" + lastProblem + ")"));
        return new(Outcome.Agrees, exact == agreeing
            ? $"the residue is exactly 0 at {agreeing} random points (rational arithmetic)"
            : $"|lhs − rhs| is below {RelativeTolerance} of the terms' size at {agreeing} random points (interval arithmetic at {Bits} bits)");
    }

    private static (Outcome Outcome, double Difference, string? Problem) AtPoint(Expr residue, SamplePoint point)
    {
        string? problem = null;
        foreach (var bits in new[] { Bits, MoreBits })
        {
            try
            {
                var evaluator = new IntervalEvaluator(point.Value, bits);
                var r = evaluator.Evaluate(residue);
                if (!r.ContainsZero)
                {
                    // Differs at the working precision: report it at the higher one too, so the verdict does not hang on one enclosure.
                    if (bits == Bits) continue;
                    return (Outcome.Differs, ((r.Lo + r.Hi).Scale(-1)).ToDouble(), null);
                }
                var sides = Dyadic.FromDouble(Math.Abs(point.Lhs) + Math.Abs(point.Rhs));
                if (r.Width.IsZero || (!sides.IsZero && r.Width.Magnitude <= sides.Magnitude + RelativeToleranceLog2)) return (Outcome.Agrees, 0, null);
                var size = TermSize(residue, evaluator, point);
                if (r.Width.IsZero || (!size.IsZero && r.Width.Magnitude <= size.Magnitude + RelativeToleranceLog2)) return (Outcome.Agrees, 0, null);
                problem = "the enclosure of the residue stayed too wide";
            }
            catch (NotBoundableException ex) { problem = ex.Message; }
            catch (UndefinedValueException ex) { problem = ex.Message; }
        }
        return (Outcome.Unavailable, double.NaN, problem);
    }

    /// <summary>The size the tolerance is relative to: |lhs| + |rhs| and the magnitudes of the residue's terms.</summary>
    private static Dyadic TermSize(Expr residue, IntervalEvaluator evaluator, SamplePoint point)
    {
        var size = Dyadic.FromDouble(Math.Abs(point.Lhs) + Math.Abs(point.Rhs));
        var terms = residue is Add s ? (IReadOnlyList<Expr>)s.Terms : [residue];
        foreach (var t in terms) size += evaluator.Evaluate(t).MaxAbs;
        return size;
    }

    /// <summary>Numbers, symbols, sums, products and integer powers only.</summary>
    public static bool IsRationalFunction(Expr e) => !Traversal.Any(e, x => x switch
    {
        Num or Sym or Add or Mul => false,
        Pow p => p.Exponent is not Num { Value.IsInteger: true },
        _ => true,
    });

    /// <summary>The exact value of a rational function at a point of doubles (each double is a rational), or null past the size budget.</summary>
    public static Rational? ExactValue(Expr e, SamplePoint point)
    {
        long size = 0;
        Rational? Eval(Expr x)
        {
            Rational? result;
            switch (x)
            {
                case Num n: result = n.Value; break;
                case Sym s:
                    {
                        var v = point.Value(s);
                        if (double.IsNaN(v) || double.IsInfinity(v)) return null;
                        var d = Dyadic.FromDouble(v);
                        result = d.Exponent >= 0
                            ? new Rational(d.Mantissa * System.Numerics.BigInteger.Pow(2, d.Exponent))
                            : new Rational(d.Mantissa, System.Numerics.BigInteger.Pow(2, -d.Exponent));
                        break;
                    }
                case Add a:
                    {
                        var sum = Rational.Zero;
                        foreach (var t in a.Terms) { if (Eval(t) is not { } v) return null; sum += v; }
                        result = sum;
                        break;
                    }
                case Mul m:
                    {
                        var product = Rational.One;
                        foreach (var f in m.Factors) { if (Eval(f) is not { } v) return null; product *= v; }
                        result = product;
                        break;
                    }
                case Pow { Exponent: Num k } p when k.Value.IsInteger && System.Numerics.BigInteger.Abs(k.Value.Numerator) <= 10_000:
                    {
                        if (Eval(p.Base) is not { } b) return null;
                        var n = (int)k.Value.Numerator;
                        if (b.BitSize * (long)Math.Abs(n) > MaxExactBits) return null;
                        if (b.IsZero && n < 0) throw new DivideByZeroException();
                        result = b.Pow(n);
                        break;
                    }
                default:
                    return null;
            }
            size += result.Value.BitSize;
            return size > MaxExactBits * 8 ? null : result;
        }
        return Eval(e);
    }
}
