using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>When a step goes to <see cref="IndexedSums"/> (written out term by term) rather than straight to the step checker.</summary>
internal static class IndexedStep
{
    /// <summary>A sum over indexed values (Σ_i x_i), or a sum with limits whose summand ignores its index (Σ_{i=1}^{n} c).</summary>
    public static bool Applies(Expr lhs, Expr rhs) => IndexedSums.Applies(lhs, rhs) || Suspicious.SummandIgnoresIndex(lhs, rhs) is not null;

    /// <summary>
    /// Σ_{d=1}^{D} c next to a KL, an entropy, an expectation, an integral or a density: the sum may be meant to range
    /// over the components of D-dimensional distributions written without their index, and the distributions' dimension
    /// is then not the document's; reading the sum as D copies of c would judge another statement. Plain algebra
    /// (Σ_{i=1}^{n} c = n c) is read literally.
    /// </summary>
    public static string? RefusesIndexFreeSummand(Expr lhs, Expr rhs, string index)
    {
        if (Traversal.Any(lhs, IsDistributional) || Traversal.Any(rhs, IsDistributional))
            return "next to a divergence, entropy, expectation, integral or density, whose dimension the sum may change, it is not read as copies of one term";
        // Σ_j exp(z_k) beside Σ_j exp(z_j): the statement writes the index elsewhere, so the bare summand is likely a slip.
        if (IndexedSums.IndexedBy(lhs, index) is { } written || (written = IndexedSums.IndexedBy(rhs, index)) is not null)
            return "the statement writes " + written + " elsewhere, so the summand without " + index + " may be a slip; it is not read as copies of one term";
        return null;
    }

    /// <summary>The subscript of an indexed name that is also a limit of an indexed product in its definition (ᾱ_t = ∏_{i=1}^{t} α_i).</summary>
    public static string? RunningRange(string name, Expr value)
    {
        if (IndexedSums.Split(name) is not { } parts) return null;
        var tokens = IndexedSums.KeyTokens(parts.Key);
        string? found = null;
        Traversal.Any(value, e =>
        {
            if (e is not IndexedProduct { Lower: not null, Upper: not null } p) return false;
            found = Traversal.FreeSymbols(p.Lower).Concat(Traversal.FreeSymbols(p.Upper)).Select(s => s.Name).FirstOrDefault(tokens.Contains);
            return found is not null;
        });
        return found;
    }

    private static bool IsDistributional(Expr e) => e is Functional or Expectation or Integral or Apply;

    /// <summary>
    /// A verdict on the instances that does not speak of the statement as written: E(…) read as a symbol E times
    /// (an expectation over the samples, which the instance treats as numbers); a refutation of a sum set equal to a number (a
    /// normalisation or a derivative set to zero: a condition on the values, which may hold at other lengths).
    /// </summary>
    public static Verdict Review(Verdict verdict, Expr writtenLhs, Expr writtenRhs, Expr lhs, Expr rhs, Func<Sym, bool>? definedMember = null)
    {
        // E(…) read as a product holds or fails for reasons that say nothing about the expectation the text means
        // (E·x² against (E·x)²), so neither a confirmation nor a refutation stands.
        // E_i beside Σ_i (the energies of states) is an indexed value, not the operator.
        var indices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { writtenLhs, writtenRhs })
            Traversal.Any(side, n => { if (n is Summation or IndexedProduct) indices.Add(((BinderNode)n).Variable.Name); return false; });
        if (verdict.Kind != VerdictKind.Unsupported && Traversal.FreeSymbols(writtenLhs).Concat(Traversal.FreeSymbols(writtenRhs))
                .Any(s => s.BaseName is "E" or "\\mathbb{E}" && !(Checking.IndexedSums.Split(s.Name) is { } split && indices.Contains(split.Key))))
            return Unsupported(verdict, "E(…) is read as a symbol E times its argument; over indexed samples it probably means an expectation, which SymKl does not read in that form");
        if (verdict.Kind != VerdictKind.Refuted) return verdict;
        // Σ_i p_i I(s_i) with I(X) = −log p: the definition drops the indexed value, so it cannot model what the text means by it.
        var kept = new HashSet<Sym>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)));
        // A subscript that is a label (\hat{\mu}_{\text{MLE}}, an estimate the text gave a value) is no index.
        // σ_B (the batch's) beside sums over i is a name with a label, not one of the indexed values.
        // o_i given its value by the definition of o_j (IndexedDefinitions) is modelled at its own index, not dropped.
        if (Traversal.FreeSymbols(writtenLhs).Concat(Traversal.FreeSymbols(writtenRhs)).FirstOrDefault(s => !kept.Contains(s) && definedMember?.Invoke(s) != true && Checking.IndexedSums.Split(s.Name) is { } split && !IsLabel(split.Key)
                && !(split.Key is [>= 'A' and <= 'Z'] && !indices.Contains(split.Key))) is { } lost)
            return Unsupported(verdict, "the document's definitions drop " + lost.Name + " from the statement, so they do not model what it says about each indexed value");
        if (writtenLhs is Num || writtenRhs is Num)
            return Unsupported(verdict, "a sum or product set equal to a number reads as a condition on the values (a normalisation, a derivative set to zero), which may hold at lengths or values other than these; not refuted");
        return verdict;
    }

    private static bool IsLabel(string key) =>
        key.StartsWith("\\text", StringComparison.Ordinal) || key.StartsWith("\\mathrm", StringComparison.Ordinal) || key.Length >= 2 && key.All(char.IsUpper);

    private static Verdict Unsupported(Verdict verdict, string why) =>
        new(VerdictKind.Unsupported, why + " (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);

    /// <summary>
    /// KL(q‖p) = −½ Σ_{d=1}^{D} (1 + log σ² − μ² − σ²): a divergence, entropy or cross-entropy of the document's
    /// distributions set equal to a sum over d = 1 … D whose summand has no index. Read as the functional of D
    /// independent coordinates, each distributed as the document's q and p (the summand's parameters, unindexed, are
    /// the same in every coordinate); these functionals add up over independent coordinates, so the left side is
    /// D times the one-dimensional value. A counterexample under this reading is one under the reading with the indices
    /// restored too (equal coordinates are a case of it) and, at D = 1, under the literal one.
    /// </summary>
    public static (Expr Lhs, Expr Rhs)? ProductReading(Expr lhs, Expr rhs)
    {
        foreach (var (functional, sum, swapped) in new[] { (lhs, rhs, false), (rhs, lhs, true) })
        {
            if (functional is not Functional || Traversal.Any(sum, IsDistributional)) continue;
            var sums = new List<Summation>();
            Traversal.Any(sum, e => { if (e is Summation s) sums.Add(s); return false; });
            if (sums.Count == 0) continue;
            var upper = sums[0].Upper;
            if (upper is null || sums.Any(s => s.Lower is not Num { Value.IsOne: true } || !Equals(s.Upper, upper) || Traversal.FreeSymbols(s.Body).Contains(s.Variable)
                || IndexedSums.IndexedBy(s.Body, s.Variable.Name) is not null || Traversal.Any(s.Body, e => e is Summation))) continue;
            var copies = Ex.Mul(upper, functional);
            return swapped ? (sum, copies) : (copies, sum);
        }
        return null;
    }

    public const string ProductReadingText = "read as the functional of D independent coordinates, each with the unindexed parameters of the summand (it then adds up over the coordinates: D times its one-dimensional value)";
}
