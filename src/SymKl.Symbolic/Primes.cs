using System.Numerics;

namespace SymKl.Symbolic;

/// <summary>Trial-division factorisation with a bound; numbers in derivations are small.</summary>
internal static class Primes
{
    private const int TrialLimit = 100_000;

    /// <summary>
    /// Factors n &gt; 0 into (prime, multiplicity) pairs in increasing order. A cofactor with no divisor up to
    /// the trial limit is returned as if it were prime (it is, or it is a product of two large primes).
    /// </summary>
    public static List<(BigInteger Prime, int Power)> Factor(BigInteger n)
    {
        var result = new List<(BigInteger, int)>();
        if (n.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        for (var p = 2; p <= TrialLimit; p = p == 2 ? 3 : p + 2)
        {
            if (n.IsOne) break;
            var bp = new BigInteger(p);
            if (bp * bp > n) break;
            var k = 0;
            while ((n % bp).IsZero) { n /= bp; k++; }
            if (k > 0) result.Add((bp, k));
        }
        if (!n.IsOne) result.Add((n, 1));
        return result;
    }
}
