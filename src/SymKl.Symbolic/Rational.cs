using System.Globalization;
using System.Numerics;

namespace SymKl.Symbolic;

/// <summary>An exact rational number p/q over BigInteger, always reduced with q &gt; 0.</summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        Numerator = numerator;
        // default(Rational) has Denominator 0; normalise reads through DenominatorOrOne.
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public Rational(BigInteger integer) : this(integer, BigInteger.One) { }

    private BigInteger Den => Denominator.IsZero ? BigInteger.One : Denominator;

    public static readonly Rational Zero = new(0);
    public static readonly Rational One = new(1);
    public static readonly Rational MinusOne = new(-1);
    public static readonly Rational Half = new(1, 2);

    public bool IsZero => Numerator.IsZero;
    public bool IsOne => Numerator.IsOne && Den.IsOne;
    public bool IsInteger => Den.IsOne;
    public int Sign => Numerator.Sign;
    public bool IsEvenInteger => IsInteger && Numerator.IsEven;
    public bool IsOddInteger => IsInteger && !Numerator.IsEven;

    public static implicit operator Rational(int value) => new(value);
    public static implicit operator Rational(long value) => new(value);
    public static implicit operator Rational(BigInteger value) => new(value);

    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Den + b.Numerator * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Den - b.Numerator * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Den);
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Den * b.Den);
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Den, a.Den * b.Numerator);
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public Rational Abs() => new(BigInteger.Abs(Numerator), Den);
    public Rational Reciprocal() => new(Den, Numerator);

    /// <summary>Largest integer not greater than this number.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(Numerator, Den, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>this^k for an integer k (k may be negative).</summary>
    public Rational Pow(int k)
    {
        if (k == 0) return One;
        if (k < 0) return Reciprocal().Pow(-k);
        return new(BigInteger.Pow(Numerator, k), BigInteger.Pow(Den, k));
    }

    /// <summary>Bits needed to write this number; used to keep exact arithmetic within a budget.</summary>
    public long BitSize => (long)(BigInteger.Abs(Numerator).ToByteArray().Length + Den.ToByteArray().Length) * 8;

    public double ToDouble()
    {
        var n = Numerator; var d = Den;
        var a = (double)n / (double)d;
        if (!double.IsNaN(a) && !double.IsInfinity(a) && a != 0) return a;
        if (n.IsZero) return 0;
        // Very large numerator and denominator: scale both down before dividing.
        var shift = Math.Max(BitLength(BigInteger.Abs(n)), BitLength(d)) - 1000;
        if (shift <= 0) return a;
        return (double)(n >> (int)shift) / (double)(d >> (int)shift);
    }

    private static long BitLength(BigInteger v) => (long)v.ToByteArray().Length * 8;

    /// <summary>Parses "12", "-3", "0.25", "1e-9", "2.5E3" exactly (invariant culture).</summary>
    public static bool TryParseDecimal(string text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var exp = 0;
        var ePos = s.IndexOfAny(['e', 'E']);
        if (ePos >= 0)
        {
            if (!int.TryParse(s.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp)) return false;
            s = s.Substring(0, ePos);
        }
        var negative = s.StartsWith("-", StringComparison.Ordinal);
        if (negative || s.StartsWith("+", StringComparison.Ordinal)) s = s.Substring(1);
        var dot = s.IndexOf('.');
        var digits = dot >= 0 ? s.Remove(dot, 1) : s;
        var scale = dot >= 0 ? s.Length - dot - 1 : 0;
        if (digits.Length == 0 || digits.Any(c => c < '0' || c > '9')) return false;
        var n = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) n = -n;
        var e10 = exp - scale;
        if (Math.Abs(e10) > 10000) return false;
        value = e10 >= 0 ? new Rational(n * BigInteger.Pow(10, e10)) : new Rational(n, BigInteger.Pow(10, -e10));
        return true;
    }

    public bool Equals(Rational other) => Numerator == other.Numerator && Den == other.Den;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => Hash.Combine(Numerator.GetHashCode(), Den.GetHashCode());

    public int CompareTo(Rational other) => (Numerator * other.Den).CompareTo(other.Numerator * Den);

    public override string ToString() => Den.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Den.ToString(CultureInfo.InvariantCulture);
}
