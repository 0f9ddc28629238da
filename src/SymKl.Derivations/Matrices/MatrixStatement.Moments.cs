using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// 𝔼[XᵀAX] = μᵀAμ + tr(AΣ) for "X with mean μ and covariance Σ" said in words: read by linearity, the expectation is
/// written in moment symbols (𝔼[X₁X₁]) that the check chose freely, and a failure at those values shows nothing when
/// other values of them — the text's — make the statement hold. A refutation in free moments stands only when the
/// statement fails whatever they are, at the refuting point of everything else. The moments enter the instance linearly,
/// so that is decided exactly: the residue is c₀ + Σ cₖ mₖ, and some admissible moments solve it unless every cₖ is 0, or
/// the only moments that could are second moments 𝔼[aᵢaᵢ] forced to 0 or below (a vector that is not random at all: a
/// dropped noise covariance stays refuted).
/// </summary>
internal static partial class MatrixStatement
{
    /// <summary>A side written in moment symbols (𝔼[a₁a₂] read by linearity).</summary>
    private static bool HasMoments(Expr? side) =>
        side is not null && Traversal.FreeSymbols(side).Any(s => s.Name.StartsWith("#E[", StringComparison.Ordinal));

    /// <summary>
    /// The refutation judged over the free moments of its instance: null when it has none (or they do not enter linearly,
    /// and the refutation stands as it was), the refutation with the reason extended when it fails whatever they are, or
    /// an unsupported verdict naming moments at which it holds.
    /// </summary>
    private static Verdict? OverFreeMoments(Verdict refuted, Expr? lhs, Expr? rhs)
    {
        if (refuted.Counterexample is not { } ce || lhs is null || rhs is null) return null;
        var residue = Ex.Sub(lhs, rhs);
        var moments = Traversal.FreeSymbols(residue).Where(s => s.Name.StartsWith("#E[", StringComparison.Ordinal)).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (moments.Count == 0 || moments.Count > 64) return null;
        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kv in ce.Values) point[kv.Key] = kv.Value;
        // Everything but the moments at the refuting point; a symbol without a value there leaves the question open.
        var others = Traversal.FreeSymbols(residue).Where(s => !moments.Contains(s)).ToList();
        if (others.Any(s => !point.ContainsKey(s.Name))) return null;
        var fixedOthers = others.ToDictionary(s => s, s => point[s.Name]);
        double At(Expr e, IReadOnlyDictionary<Sym, double> m)
        {
            var v = new NumericEvaluator(s => m.TryGetValue(s, out var x) ? x : fixedOthers.TryGetValue(s, out var o) ? o : double.NaN).Evaluate(e);
            return v.IsDefined ? v.Value : double.NaN;
        }
        var zero = moments.ToDictionary(m => m, _ => 0.0);
        double c0;
        var c = new double[moments.Count];
        try
        {
            c0 = At(residue, zero);
            for (var k = 0; k < moments.Count; k++)
            {
                var unit = new Dictionary<Sym, double>(zero) { [moments[k]] = 1.0 };
                c[k] = At(residue, unit) - c0;
            }
            // Linear in the moments: the value at a further point is what the coefficients predict (else not judged here).
            var probe = new Dictionary<Sym, double>();
            var predicted = c0;
            for (var k = 0; k < moments.Count; k++)
            {
                probe[moments[k]] = 0.5 + 1.7 * k;
                predicted += c[k] * probe[moments[k]];
            }
            var actual = At(residue, probe);
            var scale = 1 + Math.Abs(c0) + c.Sum(Math.Abs) * (2 + 1.7 * moments.Count);
            if (double.IsNaN(c0) || c.Any(double.IsNaN) || double.IsNaN(actual) || Math.Abs(actual - predicted) > 1e-8 * scale) return null;
        }
        catch (Exception e) when (e is NotEvaluableException or ArithmeticException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return null;
        }
        var tolerance = 1e-9 * (1 + Math.Abs(c0) + c.Sum(Math.Abs));
        // The moments a random vector can have: its second moments 𝔼[aᵢaⱼ] form a positive definite matrix M, and over those
        // c₀ + ⟨C, M⟩ reaches 0 exactly when C (symmetrised) has eigenvalues of both signs, or of one sign opposite to c₀.
        // A first moment (𝔼[aᵢ]) is left free: with one in play the question stays open.
        var components = new List<string>();
        int Index(string component)
        {
            var i = components.IndexOf(component);
            if (i < 0) { components.Add(component); i = components.Count - 1; }
            return i;
        }
        var pairs = new List<(int A, int B, double C)>();
        var firstMoment = false;
        for (var k = 0; k < moments.Count; k++)
        {
            if (Math.Abs(c[k]) <= tolerance) continue;
            var factors = moments[k].Name.Substring(3, moments[k].Name.Length - 4).Split('·');
            if (factors is [var a, var b]) pairs.Add((Index(a), Index(b), c[k]));
            else firstMoment = true;
        }
        bool holds;
        if (firstMoment) holds = true;
        else if (pairs.Count == 0) holds = false;
        else
        {
            var matrix = new double[components.Count, components.Count];
            foreach (var (a, b, ck) in pairs)
            {
                matrix[a, b] += ck / 2;
                matrix[b, a] += ck / 2;
            }
            var eigen = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(matrix).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues;
            var largest = eigen.Max(e => e.Real);
            var smallest = eigen.Min(e => e.Real);
            holds = largest > tolerance && smallest < -tolerance || largest > tolerance && -c0 > tolerance || smallest < -tolerance && -c0 < -tolerance;
        }
        if (!holds)
            return refuted with { Reason = refuted.Reason + ", and it fails whatever the moments it chose freely are (no second moments of a random vector make the two sides agree at this point)" };
        return new Verdict(VerdictKind.Unsupported, "it fails with the moments " + string.Join(", ", moments.Select(m => m.Name.Substring(1))) + " chosen freely (" + refuted.Reason
            + "), but other values of them make it hold; the text may give them in words SymKl does not read (a mean and a covariance stated in prose); not refuted",
            refuted.Residue, null, refuted.PointsChecked);
    }
}
