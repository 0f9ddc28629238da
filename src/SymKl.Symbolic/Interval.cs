using System.Numerics;

namespace SymKl.Symbolic;

/// <summary>Thrown when an expression cannot be enclosed at a point: an unknown function, a singularity inside the enclosure, a budget.</summary>
public sealed class NotBoundableException(string reason) : Exception(reason);

/// <summary>An exact binary number Mantissa·2^Exponent.</summary>
public readonly struct Dyadic : IComparable<Dyadic>
{
    /// <summary>Exponents beyond this are refused: they mean a value near 2^±10⁶, far outside anything a step samples.</summary>
    private const int MaxExponent = 1 << 20;

    public Dyadic(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero) exponent = 0;
        else if (Math.Abs((long)exponent) > MaxExponent) throw new NotBoundableException("a value outside the range of the high-precision check");
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public BigInteger Mantissa { get; }
    public int Exponent { get; }
    public int Sign => Mantissa.Sign;
    public bool IsZero => Mantissa.IsZero;

    public static readonly Dyadic Zero = new(BigInteger.Zero, 0);
    public static readonly Dyadic One = new(BigInteger.One, 0);

    /// <summary>The exact value of a finite double.</summary>
    public static Dyadic FromDouble(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) throw new NotBoundableException("a value that is not finite");
        if (d == 0) return Zero;
        var bits = BitConverter.DoubleToInt64Bits(d);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        var m = new BigInteger(mantissa);
        return new Dyadic(d < 0 ? -m : m, exponent - 1075);
    }

    /// <summary>Bits of |mantissa|; 0 for zero.</summary>
    public static long BitLength(BigInteger v)
    {
        if (v.IsZero) return 0;
        var bytes = BigInteger.Abs(v).ToByteArray();
        var top = bytes[bytes.Length - 1];
        var n = (long)(bytes.Length - 1) * 8;
        while (top != 0) { n++; top >>= 1; }
        return n;
    }

    /// <summary>floor(log2 |x|): the position of the leading bit (x ≠ 0).</summary>
    public long Magnitude => Exponent + BitLength(Mantissa) - 1;

    public static Dyadic operator +(Dyadic a, Dyadic b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        return a.Exponent <= b.Exponent
            ? new Dyadic(a.Mantissa + (b.Mantissa << (b.Exponent - a.Exponent)), a.Exponent)
            : new Dyadic(b.Mantissa + (a.Mantissa << (a.Exponent - b.Exponent)), b.Exponent);
    }

    public static Dyadic operator -(Dyadic a) => new(-a.Mantissa, a.Exponent);
    public static Dyadic operator -(Dyadic a, Dyadic b) => a + -b;
    public static Dyadic operator *(Dyadic a, Dyadic b) => new(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    /// <summary>a·2^k, exactly.</summary>
    public Dyadic Scale(int k) => IsZero ? this : new Dyadic(Mantissa, Exponent + k);

    public Dyadic Abs() => new(BigInteger.Abs(Mantissa), Exponent);

    /// <summary>Rounded to at most <paramref name="bits"/> bits of mantissa, up (toward +∞) or down (toward −∞).</summary>
    public Dyadic Round(int bits, bool up)
    {
        var excess = BitLength(Mantissa) - bits;
        if (excess <= 0) return this;
        var s = (int)excess;
        // >> on BigInteger is an arithmetic shift: it rounds toward −∞.
        var m = up ? -((-Mantissa) >> s) : Mantissa >> s;
        return new Dyadic(m, Exponent + s);
    }

    /// <summary>a/b rounded to <paramref name="bits"/> bits, up or down (b ≠ 0).</summary>
    public static Dyadic Divide(Dyadic a, Dyadic b, int bits, bool up)
    {
        if (a.IsZero) return Zero;
        var shift = (int)Math.Max(0, bits + BitLength(b.Mantissa) - BitLength(a.Mantissa) + 2);
        var q = BigInteger.DivRem(a.Mantissa << shift, b.Mantissa, out var r);
        // DivRem truncates toward 0; the true quotient is q + r/b.
        if (!r.IsZero)
        {
            var fractionSign = r.Sign * b.Mantissa.Sign;
            if (up && fractionSign > 0) q += 1;
            else if (!up && fractionSign < 0) q -= 1;
        }
        return new Dyadic(q, a.Exponent - shift - b.Exponent).Round(bits, up);
    }

    /// <summary>√a rounded to <paramref name="bits"/> bits, up or down (a ≥ 0).</summary>
    public static Dyadic Sqrt(Dyadic a, int bits, bool up)
    {
        if (a.IsZero) return Zero;
        var m = a.Mantissa;
        var e = a.Exponent;
        var shift = (int)Math.Max(0, 2 * bits + 2 - BitLength(m));
        if (((e - shift) & 1) != 0) shift++;
        m <<= shift;
        e -= shift;
        var s = ISqrt(m);
        if (up && s * s != m) s += 1;
        return new Dyadic(s, e / 2).Round(bits, up);
    }

    private static BigInteger ISqrt(BigInteger n)
    {
        if (n.IsZero) return n;
        var x = BigInteger.One << (int)((BitLength(n) + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>The exact value of a rational, rounded to <paramref name="bits"/> bits up or down.</summary>
    public static Dyadic FromRational(Rational r, int bits, bool up) =>
        Divide(new Dyadic(r.Numerator, 0), new Dyadic(r.Denominator, 0), bits, up);

    public int CompareTo(Dyadic other) => (this - other).Sign;

    public double ToDouble()
    {
        if (IsZero) return 0;
        var r = Round(60, false);
        var e = r.Exponent;
        var v = (double)r.Mantissa;
        return e < -1100 ? 0 : e > 1100 ? (r.Sign > 0 ? double.PositiveInfinity : double.NegativeInfinity) : v * Math.Pow(2, e);
    }

    public static Dyadic Min(Dyadic a, Dyadic b) => a.CompareTo(b) <= 0 ? a : b;
    public static Dyadic Max(Dyadic a, Dyadic b) => a.CompareTo(b) >= 0 ? a : b;
}

/// <summary>
/// A closed interval [Lo, Hi] of reals with dyadic ends, and arithmetic that rounds outward at a working
/// precision: the result of every operation encloses the exact result for every point of the operands.
/// Transcendental functions add a rigorous bound on their series' truncation, so an enclosure that
/// excludes 0 proves a value nonzero.
/// </summary>
public readonly struct Interval
{
    public Interval(Dyadic lo, Dyadic hi) { Lo = lo; Hi = hi; }

    public Dyadic Lo { get; }
    public Dyadic Hi { get; }

    public static Interval Point(Dyadic x) => new(x, x);
    public static readonly Interval Zero = Point(Dyadic.Zero);
    public static readonly Interval One = Point(Dyadic.One);

    public bool ContainsZero => Lo.Sign <= 0 && Hi.Sign >= 0;
    public Dyadic Width => Hi - Lo;

    /// <summary>max(|Lo|, |Hi|).</summary>
    public Dyadic MaxAbs => Dyadic.Max(Lo.Abs(), Hi.Abs());

    public override string ToString() => "[" + Lo.ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ", " + Hi.ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "]";
}

/// <summary>Interval arithmetic at a fixed working precision (bits of mantissa).</summary>
public sealed class IntervalArithmetic
{
    /// <summary>Terms a series may take before the evaluation gives up.</summary>
    private const int MaxSeriesTerms = 4000;

    // The constants at each precision, shared: every logarithm and sine needs them.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Interval> PiCache = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Interval> Ln2Cache = new();

    public IntervalArithmetic(int bits)
    {
        if (bits < 64) throw new ArgumentOutOfRangeException(nameof(bits));
        Bits = bits;
    }

    public int Bits { get; }

    public Interval Rational(Rational r) => r.IsInteger && Dyadic.BitLength(r.Numerator) <= Bits
        ? Interval.Point(new Dyadic(r.Numerator, 0))
        : new Interval(Dyadic.FromRational(r, Bits, false), Dyadic.FromRational(r, Bits, true));

    public Interval Add(Interval a, Interval b) => new((a.Lo + b.Lo).Round(Bits, false), (a.Hi + b.Hi).Round(Bits, true));

    public static Interval Neg(Interval a) => new(-a.Hi, -a.Lo);

    public Interval Sub(Interval a, Interval b) => Add(a, Neg(b));

    public Interval Mul(Interval a, Interval b)
    {
        // Both non-negative (every series term of a positive argument): two products, not four.
        if (a.Lo.Sign >= 0 && b.Lo.Sign >= 0) return new((a.Lo * b.Lo).Round(Bits, false), (a.Hi * b.Hi).Round(Bits, true));
        var p1 = a.Lo * b.Lo; var p2 = a.Lo * b.Hi; var p3 = a.Hi * b.Lo; var p4 = a.Hi * b.Hi;
        var lo = Dyadic.Min(Dyadic.Min(p1, p2), Dyadic.Min(p3, p4));
        var hi = Dyadic.Max(Dyadic.Max(p1, p2), Dyadic.Max(p3, p4));
        return new(lo.Round(Bits, false), hi.Round(Bits, true));
    }

    public Interval Div(Interval a, Interval b)
    {
        if (b.ContainsZero) throw new NotBoundableException("a division by a value that may be 0");
        // By a positive point (the n of a series term): the ends keep their order.
        if (b.Lo.Sign > 0 && b.Lo.CompareTo(b.Hi) == 0)
            return new(Dyadic.Divide(a.Lo, b.Lo, Bits, false), Dyadic.Divide(a.Hi, b.Lo, Bits, true));
        Dyadic lo = default, hi = default;
        var first = true;
        foreach (var x in new[] { a.Lo, a.Hi })
            foreach (var y in new[] { b.Lo, b.Hi })
            {
                var d = Dyadic.Divide(x, y, Bits, false);
                var u = Dyadic.Divide(x, y, Bits, true);
                lo = first ? d : Dyadic.Min(lo, d);
                hi = first ? u : Dyadic.Max(hi, u);
                first = false;
            }
        return new(lo, hi);
    }

    public static Interval Abs(Interval a)
    {
        if (a.Lo.Sign >= 0) return a;
        if (a.Hi.Sign <= 0) return Neg(a);
        return new(Dyadic.Zero, a.MaxAbs);
    }

    public static Interval Scale(Interval a, int k) => new(a.Lo.Scale(k), a.Hi.Scale(k));

    /// <summary>Widens by ±r (a truncation or Lipschitz bound).</summary>
    public Interval Widen(Interval a, Dyadic r) => new((a.Lo - r).Round(Bits, false), (a.Hi + r).Round(Bits, true));

    public Interval Sqrt(Interval a)
    {
        if (a.Hi.Sign < 0) throw new UndefinedValueException("the square root of a negative number");
        if (a.Lo.Sign < 0) throw new NotBoundableException("a square root of a value that may be negative");
        return new(Dyadic.Sqrt(a.Lo, Bits, false), Dyadic.Sqrt(a.Hi, Bits, true));
    }

    /// <summary>a^n for an integer n.</summary>
    public Interval Pow(Interval a, BigInteger n)
    {
        if (n.IsZero) return Interval.One;
        if (n.Sign < 0) return Div(Interval.One, Pow(a, -n));
        if (n > 100_000) throw new NotBoundableException("an integer power too large to bound");
        var k = (int)n;
        // Even powers of an interval around 0 are powers of |a| (tight); odd powers are monotone.
        var b = k % 2 == 0 ? Abs(a) : a;
        Interval result = Interval.One;
        var square = b;
        while (k > 0)
        {
            if ((k & 1) != 0) result = Mul(result, square);
            k >>= 1;
            if (k > 0) square = Mul(square, square);
        }
        if (n.IsEven && result.Lo.Sign < 0) result = new(Dyadic.Zero, result.Hi);
        return result;
    }

    // ------------------------------------------------------------ constants

    /// <summary>π by Machin's formula, π = 16 atan(1/5) − 4 atan(1/239).</summary>
    public Interval Pi => PiCache.GetOrAdd(Bits, _ => Sub(Scale(AtanOfReciprocal(5), 4), Scale(AtanOfReciprocal(239), 2)));

    /// <summary>log 2 = 2 atanh(1/3).</summary>
    public Interval Ln2 => Ln2Cache.GetOrAdd(Bits, _ => Scale(AtanhSeries(Rational(new Rational(1, 3)), new Rational(1, 3)), 1));

    /// <summary>atan(1/k) = Σ (−1)^n / ((2n+1) k^(2n+1)); alternating with decreasing terms, so the first omitted term bounds the rest.</summary>
    private Interval AtanOfReciprocal(int k)
    {
        var sum = Interval.Zero;
        var power = new BigInteger(k);
        var kk = new BigInteger(k) * k;
        for (var n = 0; n < MaxSeriesTerms; n++)
        {
            var term = Rational(new Rational(n % 2 == 0 ? 1 : -1, power * (2 * n + 1)));
            sum = Add(sum, term);
            power *= kk;
            var next = new Rational(BigInteger.One, power * (2 * n + 3));
            if (Dyadic.BitLength(power) > Bits + 8) return Widen(sum, Dyadic.FromRational(next, 32, true));
        }
        throw new NotBoundableException("π at this precision");
    }

    // ------------------------------------------------------------ functions

    public Interval Exp(Interval x)
    {
        var m = x.MaxAbs;
        if (!m.IsZero && m.Magnitude > 20) throw new NotBoundableException("e to a power beyond 2^20");
        // exp x = (exp(x/2^k))^(2^k) with |x/2^k| ≤ 2^−8; each squaring doubles the relative error, so k more guard bits.
        var k = m.IsZero ? 0 : (int)Math.Max(0, m.Magnitude + 9);
        var inner = new IntervalArithmetic(Bits + k + 16);
        var t = Scale(x, -k);
        var tMax = t.MaxAbs;
        var sum = Interval.One;
        var term = Interval.One;
        for (var n = 1; ; n++)
        {
            if (n > MaxSeriesTerms) throw new NotBoundableException("the exponential series");
            term = inner.Div(inner.Mul(term, t), Interval.Point(new Dyadic(n, 0)));
            sum = inner.Add(sum, term);
            // |t| ≤ 1/2: the tail after t^n/n! is at most 2|t|^(n+1)/(n+1)! ≤ |term|·|t|·2/(n+1).
            var bound = term.MaxAbs * tMax;
            if (bound.IsZero || bound.Magnitude < -(inner.Bits + 4))
            {
                sum = inner.Widen(sum, bound.Scale(1));
                break;
            }
        }
        for (var i = 0; i < k; i++) sum = inner.Mul(sum, sum);
        return new(sum.Lo.Round(Bits, false), sum.Hi.Round(Bits, true));
    }

    public Interval Log(Interval x)
    {
        if (x.Hi.Sign <= 0) throw new UndefinedValueException("the logarithm of a number that is not positive");
        if (x.Lo.Sign <= 0) throw new NotBoundableException("a logarithm of a value that may be 0 or negative");
        // x = m·2^j with m near [1, 2): log x = j·log 2 + 2 atanh((m − 1)/(m + 1)).
        var j = (int)x.Lo.Magnitude;
        var inner = new IntervalArithmetic(Bits + 16 + (int)Dyadic.BitLength(Math.Abs(j)));
        var m = Scale(x, -j);
        var z = inner.Div(inner.Sub(m, Interval.One), inner.Add(m, Interval.One));
        var zMax = z.MaxAbs;
        if (zMax.CompareTo(Dyadic.One.Scale(-1)) > 0) throw new NotBoundableException("a logarithm of a wide enclosure");
        var series = inner.AtanhSeriesCore(z, zMax);
        var result = inner.Add(Scale(series, 1), inner.Mul(Interval.Point(new Dyadic(j, 0)), inner.Ln2));
        return new(result.Lo.Round(Bits, false), result.Hi.Round(Bits, true));
    }

    private Interval AtanhSeries(Interval z, Rational zMax) => AtanhSeriesCore(z, Dyadic.FromRational(zMax, 64, true));

    /// <summary>atanh z = Σ z^(2n+1)/(2n+1) for |z| ≤ zMax ≤ 1/2; tail ≤ zMax^(2n+1)/((2n+1)(1 − zMax²)) ≤ (4/3)·zMax^(2n+1).</summary>
    private Interval AtanhSeriesCore(Interval z, Dyadic zMax)
    {
        var z2 = Mul(z, z);
        var power = z;
        var sum = Interval.Zero;
        var powerMax = zMax;
        for (var n = 0; n < MaxSeriesTerms; n++)
        {
            sum = Add(sum, Div(power, Interval.Point(new Dyadic(2 * n + 1, 0))));
            power = Mul(power, z2);
            powerMax = (powerMax * zMax * zMax).Round(64, true);
            if (powerMax.IsZero || powerMax.Magnitude < -(Bits + 4)) return Widen(sum, powerMax.Scale(1));
        }
        throw new NotBoundableException("the logarithm series");
    }

    public Interval Sin(Interval x) => SinCos(x, sine: true);

    public Interval Cos(Interval x) => SinCos(x, sine: false);

    private Interval SinCos(Interval x, bool sine)
    {
        var m = x.MaxAbs;
        if (!m.IsZero && m.Magnitude > 40) throw new NotBoundableException("a sine or cosine of an argument beyond 2^40");
        // Reduce by k·π/2 (k from a double estimate; any integer k is exact), then Taylor series on r.
        var k = new BigInteger(Math.Round(x.Lo.ToDouble() / (Math.PI / 2)));
        var inner = new IntervalArithmetic(Bits + 16 + 48);
        var r = inner.Sub(x, inner.Mul(Interval.Point(new Dyadic(k, 0)), Scale(inner.Pi, -1)));
        var rMax = r.MaxAbs;
        if (rMax.CompareTo(Dyadic.One.Scale(1)) > 0) throw new NotBoundableException("a sine or cosine of a wide enclosure");
        var quadrant = (int)(((k % 4) + 4) % 4);
        var useSine = sine ? quadrant % 2 == 0 : quadrant % 2 == 1;
        var negate = sine ? quadrant >= 2 : quadrant is 1 or 2;
        var value = useSine ? inner.SinSeries(r, rMax) : inner.CosSeries(r, rMax);
        if (negate) value = Neg(value);
        var lo = Dyadic.Max(value.Lo, -Dyadic.One);
        var hi = Dyadic.Min(value.Hi, Dyadic.One);
        return new(lo.Round(Bits, false), hi.Round(Bits, true));
    }

    /// <summary>sin r = Σ (−1)^n r^(2n+1)/(2n+1)!; the tail after a term is at most the next term's bound |r|^(2n+3)/(2n+3)!.</summary>
    private Interval SinSeries(Interval r, Dyadic rMax) => TrigSeries(r, rMax, r, 1);

    private Interval CosSeries(Interval r, Dyadic rMax) => TrigSeries(r, rMax, Interval.One, 0);

    private Interval TrigSeries(Interval r, Dyadic rMax, Interval first, int firstPower)
    {
        var r2 = Mul(r, r);
        var term = first;
        var sum = first;
        var bound = firstPower == 0 ? Dyadic.One : rMax;
        for (var n = firstPower; n < MaxSeriesTerms; n += 2)
        {
            // next term = −term·r²/((n+1)(n+2)); its bound is the current bound·rMax²/((n+1)(n+2)).
            var denominator = Interval.Point(new Dyadic((long)(n + 1) * (n + 2), 0));
            term = Neg(Div(Mul(term, r2), denominator));
            bound = Dyadic.Divide(bound * rMax * rMax, new Dyadic((long)(n + 1) * (n + 2), 0), 64, true);
            // Past this point the terms shrink at least geometrically by 1/2, so twice the first omitted term bounds the tail.
            if (bound.IsZero || bound.Magnitude < -(Bits + 4)) return Widen(sum, bound.Scale(1));
            sum = Add(sum, term);
        }
        throw new NotBoundableException("the sine series");
    }

    /// <summary>
    /// erf x = (2/√π) Σ (−1)^n x^(2n+1)/(n!(2n+1)) for |x| ≤ 12. The terms grow to about e^(x²) before they shrink,
    /// so 1.5·x² guard bits; once they shrink, the alternating tail is at most the first omitted term.
    /// </summary>
    public Interval Erf(Interval x)
    {
        var m = x.MaxAbs.ToDouble();
        if (m > 12) throw new NotBoundableException("erf of an argument beyond 12");
        var inner = new IntervalArithmetic(Bits + 16 + (int)Math.Ceiling(1.5 * m * m));
        var x2 = inner.Mul(x, x);
        var x2Max = x2.Hi;
        var term = x;
        var sum = x;
        for (var n = 1; n < MaxSeriesTerms; n++)
        {
            term = Neg(inner.Div(inner.Mul(term, x2), Interval.Point(new Dyadic(n, 0))));
            sum = inner.Add(sum, inner.Div(term, Interval.Point(new Dyadic(2 * n + 1, 0))));
            if (n + 1 <= m * m + 1) continue;
            var next = Dyadic.Divide(term.MaxAbs * x2Max, new Dyadic((long)(n + 1) * (2 * n + 3), 0), 64, true);
            if (next.IsZero || next.Magnitude < -(inner.Bits + 4))
            {
                var value = inner.Mul(inner.Widen(sum, next.Scale(1)), inner.Div(Interval.Point(new Dyadic(2, 0)), inner.Sqrt(inner.Pi)));
                return new(Dyadic.Max(value.Lo, -Dyadic.One).Round(Bits, false), Dyadic.Min(value.Hi, Dyadic.One).Round(Bits, true));
            }
        }
        throw new NotBoundableException("the erf series");
    }

    /// <summary>atan x = 8 atan(y) after three halvings y ← y/(1 + √(1 + y²)), which bring any real to |y| ≤ tan(π/16) &lt; 0.2.</summary>
    public Interval Atan(Interval x)
    {
        var inner = new IntervalArithmetic(Bits + 24);
        var y = x;
        for (var i = 0; i < 3; i++) y = inner.Div(y, inner.Add(Interval.One, inner.Sqrt(inner.Add(Interval.One, inner.Mul(y, y)))));
        var yMax = y.MaxAbs;
        if (yMax.CompareTo(Dyadic.One.Scale(-1)) > 0) throw new NotBoundableException("an arctangent of a wide enclosure");
        var y2 = inner.Mul(y, y);
        var power = y;
        var sum = Interval.Zero;
        var powerMax = yMax;
        for (var n = 0; n < MaxSeriesTerms; n++)
        {
            var term = inner.Div(power, Interval.Point(new Dyadic(2 * n + 1, 0)));
            sum = n % 2 == 0 ? inner.Add(sum, term) : inner.Sub(sum, term);
            power = inner.Mul(power, y2);
            powerMax = (powerMax * yMax * yMax).Round(64, true);
            if (powerMax.IsZero || powerMax.Magnitude < -(inner.Bits + 4))
            {
                var result = Scale(inner.Widen(sum, powerMax), 3);
                return new(result.Lo.Round(Bits, false), result.Hi.Round(Bits, true));
            }
        }
        throw new NotBoundableException("the arctangent series");
    }
}

/// <summary>
/// Γ, log Γ and ψ in interval arithmetic: the recurrences Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1)) and
/// ψ(x) = ψ(x + n) − Σ 1/(x + i) move the argument to x + n ≥ bits/2, where Stirling's series converges to the
/// working precision; for real z &gt; 0 its remainder is bounded by the first omitted term.
/// </summary>
public static class IntervalGamma
{
    private static readonly object BernoulliLock = new();
    private static readonly List<Rational> BernoulliNumbers = [Rational.One, new Rational(-1, 2)];

    /// <summary>Most Stirling terms before giving up.</summary>
    private const int MaxTerms = 200;

    /// <summary>B_n, from Σ_{j=0}^{m} C(m+1, j) B_j = 0 (cached).</summary>
    public static Rational Bernoulli(int n)
    {
        lock (BernoulliLock)
        {
            for (var m = BernoulliNumbers.Count; m <= n; m++)
            {
                if (m % 2 == 1) { BernoulliNumbers.Add(Rational.Zero); continue; }
                var sum = Rational.Zero;
                BigInteger binomial = 1; // C(m+1, j)
                for (var j = 0; j < m; j++)
                {
                    sum += new Rational(binomial) * BernoulliNumbers[j];
                    binomial = binomial * (m + 1 - j) / (j + 1);
                }
                BernoulliNumbers.Add(-sum / new Rational(m + 1));
            }
            return BernoulliNumbers[n];
        }
    }

    private static int Shift(IntervalArithmetic a, Interval x)
    {
        var target = a.Bits / 2;
        var lo = x.Lo.ToDouble();
        if (lo < -100_000) throw new NotBoundableException("Γ of a very negative argument");
        return (int)Math.Max(0, Math.Ceiling(target - lo));
    }

    /// <summary>log Γ(x) for x &gt; 0.</summary>
    public static Interval LogGamma(IntervalArithmetic a, Interval x)
    {
        if (x.Hi.Sign <= 0) throw new UndefinedValueException("log Γ of a number that is not positive");
        if (x.Lo.Sign <= 0) throw new NotBoundableException("log Γ of a value that may be 0 or negative");
        var n = Shift(a, x);
        var product = Interval.One;
        for (var i = 0; i < n; i++) product = a.Mul(product, a.Add(x, a.Rational(i)));
        var shifted = Stirling(a, a.Add(x, a.Rational(n)));
        return n == 0 ? shifted : a.Sub(shifted, a.Log(product));
    }

    /// <summary>Γ(x) for x not a pole (an enclosure containing a pole is refused).</summary>
    public static Interval Gamma(IntervalArithmetic a, Interval x)
    {
        var n = Shift(a, x);
        var product = Interval.One;
        for (var i = 0; i < n; i++) product = a.Mul(product, a.Add(x, a.Rational(i)));
        var shifted = a.Exp(Stirling(a, a.Add(x, a.Rational(n))));
        return n == 0 ? shifted : a.Div(shifted, product);
    }

    /// <summary>ψ(x) for x not a pole.</summary>
    public static Interval Digamma(IntervalArithmetic a, Interval x)
    {
        var n = Shift(a, x);
        var sum = Interval.Zero;
        for (var i = 0; i < n; i++) sum = a.Add(sum, a.Div(Interval.One, a.Add(x, a.Rational(i))));
        var z = a.Add(x, a.Rational(n));
        // ψ(z) = log z − 1/(2z) − Σ B_2k/(2k z^2k); remainder ≤ |B_2K+2|/((2K+2) z^(2K+2)).
        var inverse = a.Div(Interval.One, z);
        var inverse2 = a.Mul(inverse, inverse);
        var value = a.Sub(a.Log(z), IntervalArithmetic.Scale(inverse, -1));
        var power = inverse2;
        for (var k = 1; k <= MaxTerms; k++)
        {
            value = a.Sub(value, a.Mul(a.Rational(Bernoulli(2 * k) / new Rational(2 * k)), power));
            power = a.Mul(power, inverse2);
            var bound = Dyadic.FromRational(Bernoulli(2 * k + 2).Abs() / new Rational(2 * k + 2), 64, true) * power.Hi;
            if (bound.IsZero || bound.Magnitude < -(a.Bits + 8)) return a.Sub(a.Widen(value, bound), sum);
        }
        throw new NotBoundableException("the digamma series");
    }

    /// <summary>log Γ(z) = (z − ½) log z − z + ½ log 2π + Σ B_2k/(2k(2k−1) z^(2k−1)), for z ≥ bits/2.</summary>
    private static Interval Stirling(IntervalArithmetic a, Interval z)
    {
        var value = a.Add(a.Sub(a.Mul(a.Sub(z, a.Rational(Rational.Half)), a.Log(z)), z),
            IntervalArithmetic.Scale(a.Log(IntervalArithmetic.Scale(a.Pi, 1)), -1));
        var inverse = a.Div(Interval.One, z);
        var inverse2 = a.Mul(inverse, inverse);
        var power = inverse;
        for (var k = 1; k <= MaxTerms; k++)
        {
            value = a.Add(value, a.Mul(a.Rational(Bernoulli(2 * k) / new Rational(2 * k * (2 * k - 1))), power));
            power = a.Mul(power, inverse2);
            var bound = Dyadic.FromRational(Bernoulli(2 * k + 2).Abs() / new Rational((2 * k + 2) * (2 * k + 1)), 64, true) * power.Hi;
            if (bound.IsZero || bound.Magnitude < -(a.Bits + 8)) return a.Widen(value, bound);
        }
        throw new NotBoundableException("Stirling's series");
    }
}

/// <summary>Thrown when a value is certainly undefined (the logarithm of a negative number, 1/0).</summary>
public sealed class UndefinedValueException(string reason) : Exception(reason);
