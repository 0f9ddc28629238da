using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Statements with vectors and matrices decided by instantiation: the dimension takes the values 1 … 5, every matrix
/// a random exact matrix of its kind (symmetric positive definite from a random integer factor, diagonal, or any),
/// every vector symbols for its components; traces, determinants, quadratic forms and Gaussian expectations then are
/// scalar expressions, and each instance is checked like any other step. Agreement at every dimension confirms the
/// statement (never "proved": the dimension is symbolic); a refuted instance is a concrete counterexample (the
/// dimension, the matrices, the components). A capital that the document does not declare is first any matrix; a
/// refutation then stands only if the statement fails for a symmetric positive definite one too.
/// </summary>
internal static partial class MatrixStatement
{
    private static readonly int[] Dimensions = [1, 2, 3, 4, 5];
    private const int MinHolding = 3;
    private const int MaxRereads = 12;

    /// <summary>The symbolic work an instance gets once a smaller instance of the statement was not proved (a tenth of the default).</summary>
    private const long ReducedUnits = Budget.DefaultUnits / 10;

    /// <summary>The most combinations of label values (y_i ∈ {0, 1}) a failing step is tried at.</summary>
    private const long MaxLabelCombinations = 16;

    private static string CutShort(int d) =>
        " (dimension " + d.ToString(CultureInfo.InvariantCulture) + " and above not checked: they did not fit in the reading's share of the step's budget, counted in units of work)";

    /// <summary>
    /// The share of the step's budget one reading may spend (a statement may be read again: another layout, positive definite
    /// matrices), in units of work (<see cref="WorkBudget.Seconds"/> of the step's seconds, up to <see cref="ShareOfAtMostSeconds"/>),
    /// so that it is the same on every machine and with any --timeout from 20 s on.
    /// </summary>
    private const double BudgetShare = 0.4;

    /// <summary>The step budget the share is taken of, at most: with 60 s (the pinned runs) the share was 24 s of wall-clock time, which a loaded machine could not fit in the step's 60 s.</summary>
    private const double ShareOfAtMostSeconds = 20;

    /// <summary>The shapes of the statement's names when it uses vectors or matrices; null for a scalar statement.</summary>
    public static StatementShapes? Shapes(MatrixScope scope, SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed, bool tIsScalar)
    {
        var shapes = new StatementShapes(scope, [(left, leftParsed), (right, rightParsed)], tIsScalar);
        return shapes.HasMatrices ? shapes : null;
    }

    /// <summary>The verdict, and the instance's scalar sides when one was checked (for a refutation, the failing one).</summary>
    public sealed record Outcome(Verdict Verdict, Expr? InstanceLhs, Expr? InstanceRhs)
    {
        /// <summary>The statement could not be read with vectors and matrices at all (no instance was checked).</summary>
        public bool Unread { get; init; }
    }

    public static Outcome Check(StatementShapes shapes, MatrixScope scope, ScopeState binding, SyntaxNode left, ParseResult leftParsed, Relation relation,
        SyntaxNode right, ParseResult rightParsed, int seed, CancellationToken cancellation, TimeSpan? budget = null, Func<Expr, Expr, (Expr, Expr)>? compare = null)
    {
        var unlimited = new System.Runtime.CompilerServices.StrongBox<string?>(null);
        var products = new HashSet<string>(StringComparer.Ordinal);
        var outcome = CheckReadings(shapes, scope, binding, left, leftParsed, relation, right, rightParsed, seed, cancellation, budget, compare, unlimited, products, null);
        // η(βv + Λz) failed as a function of the bracket: refuted only if it fails as a product too.
        if (outcome.Verdict.Kind == VerdictKind.Unsupported && products.Count > 0)
        {
            var asProduct = CheckReadings(shapes, scope, binding, left, leftParsed, relation, right, rightParsed, seed, cancellation, budget, compare,
                new System.Runtime.CompilerServices.StrongBox<string?>(null), new HashSet<string>(StringComparer.Ordinal), products);
            if (asProduct.Verdict.Kind == VerdictKind.Refuted)
                return asProduct with { Verdict = asProduct.Verdict with { Reason = "reading " + string.Join(", ", products.OrderBy(n => n, StringComparer.Ordinal)) + " before a bracket as a factor (as a function of the bracket it fails too): " + asProduct.Verdict.Reason } };
            return outcome;
        }
        if (unlimited.Value is not { } sum) return outcome;
        // Σ_i with no limits read over a range of the instance's own: what holds holds term by term for every range; a failure
        // may be the range's (Σ_i u_i u_iᵀ = I needs i to run to the dimension), so it is no refutation.
        var v = outcome.Verdict;
        if (v.Kind == VerdictKind.Refuted)
            return outcome with { Verdict = new Verdict(VerdictKind.Unsupported, "it fails reading '" + sum + "', a sum without limits, over a range SymKl chose; the text may mean a particular one, so it is not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked) };
        return v.Holds ? outcome with { Verdict = v with { Reason = v.Reason + ", term by term over every range of the sum without limits (" + sum + ")" } } : outcome;
    }

    private static Outcome CheckReadings(StatementShapes shapes, MatrixScope scope, ScopeState binding, SyntaxNode left, ParseResult leftParsed, Relation relation,
        SyntaxNode right, ParseResult rightParsed, int seed, CancellationToken cancellation, TimeSpan? budget, Func<Expr, Expr, (Expr, Expr)>? compare,
        System.Runtime.CompilerServices.StrongBox<string?> unlimitedSum, HashSet<string> productOrFunctionNames, ICollection<string>? productNames)
    {
        scope.LastConditioned.Clear();
        if (shapes.Unreadable is { } unreadable) return new Outcome(Unsupported("cannot read it with vectors and matrices: " + unreadable), null, null) { Unread = true };
        Expr? lastLhs = null, lastRhs = null;
        string? convention = null;
        string? extendedSum = null;
        var unread = false;
        var layout = GradientLayout.Denominator;
        var (matrixGradient, symmetricGradient) = (false, false);
        string? unknownAtSeveral = null;
        var constantUnknowns = false;
        string? assumedIndependence = null;
        var freeCross = false;
        string? unstatedMoments = null;
        var momentVectors = new SortedSet<string>(StringComparer.Ordinal);
        var assumeUncorrelated = false;
        var unknownFunctions = new HashSet<string>(StringComparer.Ordinal);
        var productOrFunction = new List<string>();
        var productOrFunctionNamesSeen = new HashSet<string>(StringComparer.Ordinal);
        var discreteLabels = new HashSet<string>(StringComparer.Ordinal);
        var pointwise = PointwiseExpectations.Applies(left, leftParsed, right, rightParsed, shapes) && relation == Relation.Equal;
        string? pointwiseLaw = null;
        HashSet<string>? rooted = null;
        var outcome = Decide();
        // K_k, R_k read as matrices by their notation only (StatementShapes.InferredMatrices): a failure stands when the
        // reading without it fails too or cannot be read at all (its shapes do not fit: the text cannot mean numbers there).
        if (outcome.Verdict.Kind == VerdictKind.Refuted && shapes.InferredMatrices.Count > 0)
        {
            var inferred = shapes;
            shapes = shapes.WithoutInferred();
            unread = false;
            var plain = shapes.Unreadable is null ? Decide() : new Outcome(Unsupported(shapes.Unreadable), null, null) { Unread = true };
            shapes = inferred;
            unread = false;
            if (plain.Verdict.Kind != VerdictKind.Refuted && !plain.Unread)
                return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails reading " + string.Join(", ", shapes.InferredMatrices.OrderBy(k => k, StringComparer.Ordinal))
                    + " as matrices (" + outcome.Verdict.Reason + "), which the document does not declare, and with them as numbers it "
                    + (plain.Verdict.Holds ? "holds" : "is not decided") + "; not refuted", outcome.Verdict.Residue, null, outcome.Verdict.PointsChecked), outcome.InstanceLhs, outcome.InstanceRhs);
        }
        // An unknown function (the network ε_θ) read as an unknown vector: a failure for random values of it is a failure
        // for the function in general, unless the statement gives it a value or applies it at points that may coincide.
        // Applied at arguments that may be equal: the function may be a constant, and an identity that fails for one fails.
        if (outcome.Verdict.Kind == VerdictKind.Refuted && relation == Relation.Equal && unknownAtSeveral is { } several && BareUnknown(left, leftParsed) is null && BareUnknown(right, rightParsed) is null)
        {
            constantUnknowns = true;
            var constant = CheckReading(false);
            constantUnknowns = false;
            if (constant.Kind == VerdictKind.Refuted)
                return new Outcome(constant with { Reason = "with " + several + " a constant function (the document leaves it open, so it may be one; its arguments then do not matter): " + constant.Reason }, lastLhs, lastRhs);
        }
        if (outcome.Verdict.Kind == VerdictKind.Refuted && (unknownAtSeveral ?? BareUnknown(left, leftParsed) ?? BareUnknown(right, rightParsed)) is { } unknown)
            return new Outcome(new Verdict(VerdictKind.Unsupported, "its truth depends on the values of " + unknown + ", a function the document does not define"
                + (unknownAtSeveral is null ? ", which it gives a value" : ", applied at arguments that may be equal") + "; not refuted (" + outcome.Verdict.Reason + ")",
                outcome.Verdict.Residue, null, outcome.Verdict.PointsChecked), outcome.InstanceLhs, outcome.InstanceRhs);
        // A derivative by a matrix that fails in the denominator layout: the text may use another convention.
        if (outcome.Verdict.Kind != VerdictKind.Refuted || !matrixGradient) return outcome;
        var layouts = symmetricGradient ? new[] { GradientLayout.Numerator, GradientLayout.SymmetricEntries, GradientLayout.SymmetricPart } : [GradientLayout.Numerator];
        foreach (var other in layouts)
        {
            layout = other;
            var alternative = CheckReading(false);
            if (!alternative.Holds && alternative.Kind != VerdictKind.Unsupported && shapes.HasOpenKinds) alternative = CheckReading(true);
            if (alternative.Holds)
                return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails with the gradient by a matrix laid out like the matrix ((∂f/∂X)ᵢⱼ = ∂f/∂Xᵢⱼ) but holds with " + Describe(other)
                    + ", and the document does not say which convention it uses; not refuted (" + outcome.Verdict.Reason + ")", outcome.Verdict.Residue, null, outcome.Verdict.PointsChecked), outcome.InstanceLhs, outcome.InstanceRhs);
        }
        return outcome;

        string? BareUnknown(SyntaxNode side, ParseResult parsed) =>
            MatrixScope.Unwrap(side) is Call { Callee: Identifier f } && unknownFunctions.Contains(MathBinder.SymbolName(f, parsed)) ? MathBinder.SymbolName(f, parsed) : null;

        static string Describe(GradientLayout layout) => layout switch
        {
            GradientLayout.Numerator => "its transpose (the numerator layout)",
            GradientLayout.SymmetricEntries => "the gradient by the distinct entries of the symmetric matrix (G + Gᵀ − diag G)",
            _ => "the symmetric part of the gradient ((G + Gᵀ)/2)",
        };

        Outcome Decide()
        {
            var general = CheckReading(false);
            if (unread) return new Outcome(general, null, null) { Unread = true };
            // Expectations over a law the text does not give, read through their operands: agreement holds for every law.
            if (pointwiseLaw is { } law && general.Kind is VerdictKind.Proved or VerdictKind.Confirmed or VerdictKind.Refuted)
                return general.Holds
                    ? new Outcome(new Verdict(VerdictKind.Confirmed, general.Reason + "; the expectations " + law + " (a law the document does not give) read through their operands, which agree at every value, so by linearity for every law", null, null, general.PointsChecked), lastLhs, lastRhs)
                    : new Outcome(new Verdict(VerdictKind.Unsupported, "the operands of the expectations " + law + " differ (" + general.Reason + "), but the document does not give that law, and expectations may agree where their operands do not; not refuted", general.Residue, null, general.PointsChecked), lastLhs, lastRhs);
            // 𝔼 of vectors with no law, read by linearity (MatrixReader.FreeMoments): what holds holds for every joint law; a
            // failure is a refutation only when the text states every mean and every pair it needs (zero-mean, uncorrelated).
            if (momentVectors.Count > 0 && general.Kind is VerdictKind.Proved or VerdictKind.Confirmed or VerdictKind.Refuted)
            {
                var vectors = string.Join(", ", momentVectors);
                if (general.Holds)
                    return new Outcome(general with { Reason = general.Reason + "; 𝔼 of " + vectors + " (no law) read by linearity, in their means and second moments" }, lastLhs, lastRhs);
                if (unstatedMoments is { } open)
                {
                    var (freeLhs, freeRhs) = (lastLhs, lastRhs);
                    assumeUncorrelated = true;
                    var assumed = CheckReading(false);
                    assumeUncorrelated = false;
                    return new Outcome(new Verdict(VerdictKind.Unsupported, assumed.Holds
                        ? "it holds if " + open + ", but the text does not state it before this line (with their moments free it fails: " + general.Reason + ")"
                        : assumed.Kind == VerdictKind.Refuted
                        ? "it fails whatever the moments of " + vectors + " (" + general.Reason + "), even if " + open + ", but the text does not state their joint law (" + open + " is not stated); not refuted"
                        : "it fails with the moments of " + vectors + " free (" + general.Reason + "), and if " + open + " it is not decided either (" + assumed.Reason + "); the text does not state " + open + "; not refuted",
                        general.Residue, null, general.PointsChecked), freeLhs, freeRhs);
                }
                // …and only when it fails whatever the moments chosen freely are (MatrixStatement.Moments).
                // A claim written in the moments on both sides (𝔼[(Fa + w)(Fa + w)ᵀ] = F𝔼[aaᵀ]Fᵀ + Q) must hold for every law:
                // its failure stands as it is. Moments on one side only (𝔼[XᵀAX] = μᵀAμ + tr(AΣ)) may be the ones the text states.
                if (general.Kind == VerdictKind.Refuted && !(HasMoments(lastLhs) && HasMoments(lastRhs)))
                {
                    var judged = OverFreeMoments(general, lastLhs, lastRhs) ?? general;
                    if (judged.Kind != VerdictKind.Refuted) return new Outcome(judged, lastLhs, lastRhs);
                    // Undeclared capitals (U, V of a law the text names but SymKl does not read) as any matrix: as below, the
                    // refutation stands only if the statement fails for symmetric positive definite ones too.
                    if (shapes.HasOpenKinds)
                    {
                        var (momentLhs, momentRhs) = (lastLhs, lastRhs);
                        var definiteMoments = CheckReading(true);
                        if (definiteMoments.Kind == VerdictKind.Refuted) definiteMoments = OverFreeMoments(definiteMoments, lastLhs, lastRhs) ?? definiteMoments;
                        if (definiteMoments.Kind != VerdictKind.Refuted)
                            return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails for general matrices (" + judged.Reason + ") but not for symmetric positive definite ones, and the document does not say which kind it means",
                                judged.Residue, null, judged.PointsChecked), momentLhs, momentRhs);
                        judged = definiteMoments;
                    }
                    return new Outcome(judged with { Reason = judged.Reason + "; 𝔼 of " + vectors + " (no law) read by linearity, with the means and correlations the text states" }, lastLhs, lastRhs);
                }
                if (general.Kind == VerdictKind.Refuted)
                    return new Outcome(general with { Reason = general.Reason + "; 𝔼 of " + vectors + " (no law) read by linearity, with the means and correlations the text states" }, lastLhs, lastRhs);
            }
            // Random vectors joined as uncorrelated though the text never says they are independent: decided only when the
            // statement holds whatever their cross-covariance (free symbols); a failure may be the assumption's.
            if (assumedIndependence is { } pair && general.Kind is VerdictKind.Proved or VerdictKind.Confirmed or VerdictKind.Refuted)
            {
                var (uncorrelatedLhs, uncorrelatedRhs) = (lastLhs, lastRhs);
                freeCross = true;
                var crossed = CheckReading(false);
                freeCross = false;
                if (general.Holds && crossed.Holds)
                    return new Outcome(general with { Reason = general.Reason + ", whatever the covariance between " + pair }, uncorrelatedLhs, uncorrelatedRhs);
                return new Outcome(new Verdict(VerdictKind.Unsupported, (general.Holds ? "it holds if " + pair + " are uncorrelated, but the document does not say they are independent (with a covariance between them it fails)"
                    : "it fails with " + pair + " uncorrelated (" + general.Reason + "), but the document does not say they are independent, and the law it means for them together is not known"),
                    general.Residue, null, general.PointsChecked), uncorrelatedLhs, uncorrelatedRhs);
            }
            // A sum read as running over the terms written after it: what holds speaks for the text; a failure may be the reading's.
            if (general.Kind == VerdictKind.Refuted && extendedSum is not null)
                return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails reading '" + extendedSum + "' as one sum over all its terms (the index is used after the sum's first term), which the text does not make certain; not refuted (" + general.Reason + ")", general.Residue, null, general.PointsChecked), lastLhs, lastRhs);
            // A density read by the subscripts of its parameters: what it holds for speaks for the text; a failure may be the reading's.
            if (general.Kind == VerdictKind.Refuted && convention is not null)
                return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails reading " + convention + ", which the document does not define; not refuted (" + general.Reason + ")", general.Residue, null, general.PointsChecked), lastLhs, lastRhs);
            if (general.Kind != VerdictKind.Refuted || !shapes.HasOpenKinds) return new Outcome(general with { Reason = general.Reason + (convention is null || !general.Holds ? "" : "; reading " + convention) }, lastLhs, lastRhs);
            var (generalLhs, generalRhs) = (lastLhs, lastRhs);
            var definite = CheckReading(true);
            if (definite.Kind == VerdictKind.Refuted) return new Outcome(definite, lastLhs, lastRhs);
            return new Outcome(new Verdict(VerdictKind.Unsupported, "it fails for general matrices (" + general.Reason + ") but not for symmetric positive definite ones" + (shapes.HasFactors ? " (and lower triangular factors)" : "") + ", and the document does not say which kind it means",
                general.Residue, null, general.PointsChecked), generalLhs, generalRhs);
        }

        // The names raised to a half-integer power in the statement or in a definition it may read through (W = QΣ^{-1/2}).
        HashSet<string> RootedNames()
        {
            var names = MatrixReader.HalfPowerNames(left, leftParsed);
            names.UnionWith(MatrixReader.HalfPowerNames(right, rightParsed));
            foreach (var definition in scope.Definitions.Values) names.UnionWith(MatrixReader.HalfPowerNames(definition.Formula, definition.Parsed));
            return names;
        }

        Verdict CheckReading(bool allPositiveDefinite)
        {
            var holding = new List<int>();
            var allProved = true;
            string? lastProblem = null;
            string? cutShort = null;
            var unproved = false;
            // Counts the reading's work in units (WorkBudget), never stopping it: the share below is in units, not seconds,
            // so where the reading stops does not depend on the machine's speed or load.
            using var reading = new WorkBudget("the reading with vectors and matrices", long.MaxValue / 4, null);
            // The share is of 20 s at most: a longer --timeout guards a slow machine, it buys no further dimensions.
            long ShareLeft(TimeSpan limit) => WorkBudget.Seconds(Math.Min(limit.TotalSeconds, ShareOfAtMostSeconds) * BudgetShare) - reading.Used;
            foreach (var d in Dimensions)
            {
                cancellation.ThrowIfCancellationRequested();
                if (budget is { } limit && holding.Count >= MinHolding && ShareLeft(limit) <= 0)
                {
                    cutShort = CutShort(d);
                    break;
                }
                MatrixInstance instance;
                MatrixValue l, r;
                try
                {
                    (instance, l, r) = ReadSides(d, allPositiveDefinite);
                }
                catch (SingularInstanceException)
                {
                    lastProblem = "a matrix to invert was singular at dimension " + d.ToString(CultureInfo.InvariantCulture);
                    continue;
                }
                catch (SkippedInstanceException e)
                {
                    lastProblem = e.Message + " at dimension " + d.ToString(CultureInfo.InvariantCulture);
                    continue;
                }
                catch (Exception e) when (e is MatrixReadException or ShapeMismatchException or ReclassifyException)
                {
                    unread = holding.Count == 0;
                    return Unsupported("cannot read it with vectors and matrices: " + e.Message);
                }
                Expr lhs, rhs;
                // 𝔼[a bᵀ] = 0: a 0 written for a vector or matrix is the zero of its shape.
                if (r.Scalar is { IsZero: true } && !l.IsScalar) r = l.Map(_ => Ex.Zero);
                else if (l.Scalar is { IsZero: true } && !r.IsScalar) l = r.Map(_ => Ex.Zero);
                if (l.AsScalar() is { } ls && r.AsScalar() is { } rs) (lhs, rhs) = (ls, rs);
                else if (!l.IsScalar && !r.IsScalar && l.Rows == r.Rows && l.Columns == r.Columns && relation is Relation.Equal or Relation.NotEqual)
                    (lhs, rhs) = Weighted(l, r, seed + d);
                else
                    return Unsupported("the sides have different shapes (" + l.Shape + " and " + r.Shape + ") at dimension " + d.ToString(CultureInfo.InvariantCulture));
                var dimension = new Dictionary<Sym, Expr>();
                foreach (var s in shapes.DimensionSymbols.Concat(instance.Dimensions.Keys).Where(k => !k.StartsWith("#", StringComparison.Ordinal)))
                    dimension[Ex.Sym(s)] = Ex.Num(instance.Dimensions.TryGetValue(s, out var n) ? n : d);
                var outOfRange = new List<string>();
                lhs = WriteOutSums(binding.SubstituteSymbols(Traversal.Substitute(lhs, dimension)), shapes, instance, outOfRange);
                rhs = WriteOutSums(binding.SubstituteSymbols(Traversal.Substitute(rhs, dimension)), shapes, instance, outOfRange);
                if (outOfRange.Count > 0)
                    return Unsupported("cannot read it with vectors and matrices: a sum over the entries of " + outOfRange[0] + " runs over indices other than its entries 1 … "
                        + "its length (from 0, a bias entry written in front, or past the end), so which entries it means is not known");
                // A_{ij} left with an index no sum wrote out, or beyond the matrix: no value of its own, never a free parameter.
                if (shapes.HasEntries && Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).FirstOrDefault(x => shapes.EntryOf(x.Name) is not null || EntryParts(x.Name, shapes) is not null) is { } loose)
                    return Unsupported("cannot read it with vectors and matrices: the entry " + loose.Name + " has an index that no sum over the matrix's rows or columns writes out");
                // Up to a constant, or a proportionality: the instance's sides become the two that must agree (UpToConstant).
                if (compare is not null) (lhs, rhs) = compare(lhs, rhs);
                (lastLhs, lastRhs) = (lhs, rhs);
                // Reading the instance built its sides node by node: that work counts toward the reading's share too.
                WorkBudget.Charge(WorkBudget.Nodes(lhs) + WorkBudget.Nodes(rhs));
                // Once enough dimensions hold, a further one gets what is left of the reading's share of the budget, and no more.
                using var share = budget is { } total && holding.Count >= MinHolding
                    ? new WorkBudget("the reading's share of the step", ShareLeft(total), null, cancellation) : null;
                Verdict verdict;
                try
                {
                    verdict = StepChecker.Check(lhs, relation, rhs, binding.Assumptions, binding.Context, seed + d, share?.Token ?? cancellation, unproved ? ReducedUnits : Budget.DefaultUnits);
                }
                catch (OperationCanceledException) when (share is { Exhausted: true } && !cancellation.IsCancellationRequested)
                {
                    cutShort = CutShort(d);
                    break;
                }
                switch (verdict.Kind)
                {
                    case VerdictKind.Refuted:
                        {
                            // Each dimension and length with the value it took (N = 3 beside d = 1, not the dimension under N's name).
                            var values = dimension.Select(kv => new KeyValuePair<string, double>(kv.Key.Name, kv.Value is Num n ? n.Value.ToDouble() : d)).ToList();
                            if (values.Count == 0) values.Add(new("dimension", d));
                            var sized = new HashSet<string>(values.Select(v => v.Key), StringComparer.Ordinal);
                            // Only the instance's own symbols: the names that are vectors or matrices here have no scalar value.
                            var free = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(x => x.Name), StringComparer.Ordinal);
                            // z_i = wᵀx_i still a symbol here came in after the vectors were read (a definition substituted
                            // late): what it was differentiated or combined as is not its formula, so the failure shows nothing.
                            // \max_j z_j, 𝔼[…] of no law: unknown values the scalar binder left (OpaqueSteps), never free parameters.
                            if (productOrFunction.Count > 0)
                            {
                                productOrFunctionNames.UnionWith(productOrFunctionNamesSeen);
                                return Unsupported("it reads " + string.Join(", ", productOrFunction) + " as an unknown function of a vector, where the text may mean a product (a number times the bracket); with vectors and matrices at " + instance.Describe() + " the function reading fails and the product reading does not; not refuted");
                            }
                            if (OpaqueTerms.In(lhs).Concat(OpaqueTerms.In(rhs)).Select(o => o.Term.Describe()).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } opaque)
                                return Unsupported("it reads " + string.Join(", ", opaque) + " as unknown values; with vectors and matrices at " + instance.Describe() + " the step does not hold whatever those values are, and SymKl does not decide more about them");
                            // y_1 ∈ {0, 1} sampled as a real number: the step may hold for the label's own values only, so
                            // it is refuted only at one of them.
                            if (free.Where(discreteLabels.Contains).OrderBy(x => x, StringComparer.Ordinal).ToList() is { Count: > 0 } labels)
                            {
                                if (AtLabelValues(lhs, rhs, labels, d) is not { } atLabel)
                                    return Unsupported("with vectors and matrices at " + instance.Describe() + " it fails where the label " + labels[0] + " takes a value outside the finite set the text declares for it, which SymKl samples as a real number; not refuted");
                                verdict = atLabel.Verdict;
                                values.AddRange(atLabel.Labels);
                            }
                            if (free.FirstOrDefault(scope.ScalarDefinitions.ContainsKey) is { } late)
                                return Unsupported("cannot read it with vectors and matrices: " + late + ", a number the document defines in vectors, came in where it was not read through its definition");
                            if (verdict.Counterexample is { } c) values.AddRange(c.Values.Where(v => free.Contains(v.Key) && !sized.Contains(v.Key)));
                            var counterexample = new Counterexample(values, verdict.Counterexample?.Lhs ?? double.NaN, verdict.Counterexample?.Rhs ?? double.NaN);
                            return new Verdict(VerdictKind.Refuted, "with vectors and matrices at " + instance.Describe() + ": " + verdict.Reason, verdict.Residue, counterexample, verdict.PointsChecked);
                        }
                    case VerdictKind.Proved or VerdictKind.Confirmed:
                        allProved &= verdict.Kind == VerdictKind.Proved;
                        // Not proved symbolically at this size: at the larger sizes after it the numeric check decides, with little
                        // spent on a proof (expanding a written-out sum of rational functions of exponentials costs minutes).
                        unproved |= verdict.Kind == VerdictKind.Confirmed;
                        holding.Add(d);
                        break;
                    default:
                        allProved = false;
                        lastProblem = verdict.Reason;
                        break;
                }
            }
            if (holding.Count < MinHolding)
                return Unsupported("with vectors and matrices: " + (lastProblem ?? "too few dimensions at which it can be read"));
            return new Verdict(VerdictKind.Confirmed, "with vectors and matrices at dimensions " + string.Join(", ", holding.Select(h => h.ToString(CultureInfo.InvariantCulture)))
                + (allPositiveDefinite ? shapes.HasFactors ? " (every matrix symmetric positive definite, every factor lower triangular)" : " (every matrix symmetric positive definite)" : " (random matrices of the declared kinds)") + (allProved ? ", each instance proved" : "") + cutShort, null, null, holding.Count);
        }

        // The step with each label at each of its declared values (every combination, a few at most): the first refutation.
        (Verdict Verdict, List<KeyValuePair<string, double>> Labels)? AtLabelValues(Expr lhs, Expr rhs, List<string> labels, int d)
        {
            var sets = labels.Select(scope.DiscreteValues).ToList();
            if (sets.Any(v => v is null) || sets.Aggregate(1L, (n, v) => n * v!.Count) > MaxLabelCombinations) return null;
            var combination = new int[labels.Count];
            while (true)
            {
                var map = new Dictionary<Sym, Expr>();
                var chosen = new List<KeyValuePair<string, double>>();
                for (var k = 0; k < labels.Count; k++)
                {
                    var value = sets[k]![combination[k]];
                    map[Ex.Sym(labels[k])] = Ex.Num(value);
                    chosen.Add(new(labels[k], value));
                }
                var at = StepChecker.Check(Traversal.Substitute(lhs, map), relation, Traversal.Substitute(rhs, map), binding.Assumptions, binding.Context, seed + d, cancellation, ReducedUnits);
                if (at.Kind == VerdictKind.Refuted) return (at, chosen);
                // The next combination, as an odometer over the labels' values.
                var next = 0;
                while (next < labels.Count && ++combination[next] == sets[next]!.Count) combination[next++] = 0;
                if (next == labels.Count) return null;
            }
        }

        (MatrixInstance, MatrixValue, MatrixValue) ReadSides(int d, bool allPositiveDefinite)
        {
            var namedMoments = false;
            for (var attempt = 0; ; attempt++)
            {
                var instance = new MatrixInstance(d, seed, allPositiveDefinite) { Joint = scope.JointBlocks, Rooted = rooted ??= RootedNames() };
                var reader = new MatrixReader(instance, shapes, scope, binding)
                {
                    Layout = layout, ConstantUnknowns = constantUnknowns, FreeCrossCovariance = freeCross, AssumeUncorrelated = assumeUncorrelated, NamedMoments = namedMoments,
                    PointwiseExpectations = pointwise,
                    ProductNames = productNames ?? new HashSet<string>(StringComparer.Ordinal),
                };
                try
                {
                    var (readLeft, readRight) = reader.GivenValues(reader.Read(left, leftParsed), reader.Read(right, rightParsed));
                    // A law-free expectation beside a matrix the text names by a moment (P = 𝔼[eeᵀ]): read again, P as that moment.
                    if (!namedMoments && reader.PlainMomentNames && reader.MomentVectors.Count > 0 && attempt < MaxRereads)
                    {
                        namedMoments = true;
                        continue;
                    }
                    unstatedMoments ??= reader.UnstatedMoments;
                    momentVectors.UnionWith(reader.MomentVectors);
                    var sides = (instance, readLeft, readRight);
                    matrixGradient |= reader.TookMatrixGradient;
                    symmetricGradient |= reader.TookSymmetricGradient;
                    unknownAtSeveral ??= reader.UnknownAtSeveralPoints;
                    assumedIndependence ??= reader.AssumedIndependence;
                    scope.LastConditioned.UnionWith(reader.ConditionedOn);
                    unknownFunctions.UnionWith(reader.UnknownFunctions);
                    productOrFunction.AddRange(reader.ProductOrFunction.Where(a => !productOrFunction.Contains(a)));
                    productOrFunctionNamesSeen.UnionWith(reader.ProductOrFunctionNames);
                    discreteLabels.UnionWith(reader.DiscreteLabels);
                    if (reader.FreeIndex(sides.Item2, sides.Item3) is { } free) throw new MatrixReadException(free);
                    convention ??= reader.Convention;
                    pointwiseLaw ??= reader.ReadPointwise;
                    extendedSum ??= reader.ExtendedSum;
                    unlimitedSum.Value ??= reader.UnlimitedSum;
                    return sides;
                }
                // Q read as a plain value did not fit (a scalar beside a matrix): the text names a moment Q, read it as that.
                catch (Exception e) when (e is MatrixReadException or ShapeMismatchException && !namedMoments && reader.PlainMomentNames && attempt < MaxRereads)
                {
                    namedMoments = true;
                }
                // yᵀXβ: X made a vector after yᵀ, and then a vector times a vector: X is the text's matrix.
                catch (ShapeMismatchException) when (attempt < MaxRereads && shapes.CapitalReadAsVector() is { } capital)
                {
                    shapes.MakeOpenMatrix(capital);
                }
                catch (ReclassifyException e) when (attempt < MaxRereads)
                {
                    if (e.AsMatrix) shapes.MakeCovariance(e.Key); else shapes.MakeVector(e.Key);
                }
            }
        }
    }

    /// <summary>
    /// Σ_{j=1}^{d} (s_j + μ_j²) with s and μ vectors of the statement: written out over their components at this
    /// dimension (s_j is s[j]), when every indexed name of the summand is such a vector or an entry of a matrix of the
    /// statement (Σ_i A_ii, Σ_i Σ_j A_ij B_ji: A_ij is the instance's entry once both indices have values). An entry
    /// beyond the matrix leaves the sum as it is (and the statement unread).
    /// </summary>
    private static Expr WriteOutSums(Expr e, StatementShapes shapes, MatrixInstance instance, List<string> outOfRange) => Ex.Map(e, x =>
    {
        if (x is not Summation { Lower: Num lower, Upper: Num upper } sum || !lower.Value.IsInteger || !upper.Value.IsInteger) return x;
        var (from, to) = ((int)lower.Value.Numerator, (int)upper.Value.Numerator);
        if (to - from > 64) return x;
        var index = sum.Variable.Name;
        var vectors = Traversal.FreeSymbols(sum.Body).Where(s => IndexedSums.Split(s.Name) is { } parts && parts.Key == index).ToList();
        var entries = Traversal.FreeSymbols(sum.Body).Where(s => EntryParts(s.Name, shapes) is { } parts && parts.Indices.Contains(index)).ToList();
        if (vectors.Count + entries.Count == 0 || vectors.Any(s => shapes.ShapeOf(IndexedSums.Split(s.Name)!.Value.Base) is not { IsVector: true })) return x;
        // The components run 1 … length here: a sum from 0 (Σ_{j=0}^{m} w_j x_j, the bias entry w_0 written in front) or past the
        // length numbers the vector otherwise, and reading w_0 as one more unknown would compare vectors of different lengths.
        foreach (var s in vectors)
        {
            var length = instance.ValueOf(IndexedSums.Split(s.Name)!.Value.Base, shapes.ShapeOf(IndexedSums.Split(s.Name)!.Value.Base)!).Rows;
            if (from < 1 || to > length)
            {
                outOfRange.Add(IndexedSums.Split(s.Name)!.Value.Base);
                return x;
            }
        }
        var terms = new List<Expr>();
        for (var i = from; i <= to; i++)
        {
            var text = i.ToString(CultureInfo.InvariantCulture);
            var map = new Dictionary<Sym, Expr> { [sum.Variable] = Ex.Num(i) };
            foreach (var s in vectors) map[s] = Ex.Sym(IndexedSums.Split(s.Name)!.Value.Base + "[" + text + "]");
            foreach (var s in entries)
            {
                var (matrix, indices) = EntryParts(s.Name, shapes)!.Value;
                var at = indices.Select(t => t == index ? text : t).ToArray();
                if (at.All(t => t.All(char.IsDigit)))
                {
                    var value = instance.ValueOf(matrix, shapes.ShapeOf(matrix)!);
                    var (r, c) = (int.Parse(at[0], CultureInfo.InvariantCulture) - 1, int.Parse(at[1], CultureInfo.InvariantCulture) - 1);
                    if (value.IsScalar || r < 0 || c < 0 || r >= value.Rows || c >= value.Columns) return x;
                    map[s] = value[r, c];
                }
                else map[s] = Ex.Sym(matrix + "_" + string.Join(",", at));
            }
            terms.Add(Traversal.Substitute(sum.Body, map));
        }
        return Ex.Add(terms);
    });

    /// <summary>A_{ij} (or A_i,2, half written out): the matrix A and the two index positions; null for any other name.</summary>
    private static (string Matrix, string[] Indices)? EntryParts(string name, StatementShapes shapes)
    {
        if (IndexedSums.Split(name) is not { } parts) return null;
        var matrix = shapes.EntryOf(name) ?? (parts.Key.Contains(',') ? parts.Base : null);
        if (matrix is null || shapes.ShapeOf(matrix) is not { IsVector: false }) return null;
        var indices = IndexedSums.KeyTokens(parts.Key);
        return indices.Length == 2 ? (matrix, indices) : null;
    }


    /// <summary>A matrix equation as one scalar: Σ wᵢⱼ Lᵢⱼ against Σ wᵢⱼ Rᵢⱼ with random weights (a failure of the sum is a failure of an entry).</summary>
    private static (Expr, Expr) Weighted(MatrixValue l, MatrixValue r, int seed)
    {
        var random = new Random(seed ^ 0x3A7);
        var (left, right) = (new List<Expr>(), new List<Expr>());
        for (var i = 0; i < l.Rows; i++)
            for (var j = 0; j < l.Columns; j++)
            {
                var w = Ex.Num(random.Next(1, 1000));
                left.Add(Ex.Mul(w, l[i, j]));
                right.Add(Ex.Mul(w, r[i, j]));
            }
        return (Ex.Add(left), Ex.Add(right));
    }

    private static Verdict Unsupported(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);
}
