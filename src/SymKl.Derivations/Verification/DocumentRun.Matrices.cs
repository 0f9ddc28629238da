using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Statements with vectors and matrices (a transpose, a trace, a determinant, a declared vector, a multivariate
/// normal) go to <see cref="MatrixStatement"/>, which reads them with the document's declarations (<see cref="MatrixScope"/>).
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly MatrixScope _matrices = new();

    /// <summary>True when the step was decided here (its verdict recorded); false for a scalar statement.</summary>
    private bool MatrixStep(Operand left, Operand right, Symbolic.Relation relation, StatementRole role, Func<Verdict, Verdict> record)
    {
        if (role == StatementRole.Implication) return false;
        if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { } shapes) return false;
        // K_k = B Hᵀ(H B Hᵀ + R)⁻¹ checked as a claim (K_k was given a value before) while the matrix scope took this very
        // display as K_k's formula: read through itself it would hold trivially.
        if (MatrixScope.Unwrap(left.Node) is Latex.Syntax.Identifier restated
            && (_matrices.ScalarDefinitions.TryGetValue(MatrixScope.Key(restated, left.Parsed), out var own) || _matrices.Definitions.TryGetValue(MatrixScope.Key(restated, left.Parsed), out own))
            && ReferenceEquals(own.Formula, right.Node)
            // A first formula for the name is its definition (true as such); only a name the text gave a value before is claimed anew.
            && MathBinder.SymbolName(restated, left.Parsed) is var restatedName && right.At(right.Node.Span.Start).Line is var restatedAt
            && (_unreadableValues.TryGetValue(restatedName, out var unreadAt) && unreadAt < restatedAt || Definitions.Any(d => d.Name == restatedName && d.Position.Line < restatedAt)))
        {
            record(new Verdict(VerdictKind.Unsupported, "it gives " + left.Text.Trim() + ", which the text gave a value before, the formula it would be checked against (the matrix reading takes this display as its definition), so it is not decided", null, null, 0));
            return true;
        }
        if (relation == Symbolic.Relation.Equal && ProbabilityRules.Prove(left.Node, right.Node, left.Parsed, right.Parsed, _scope.IsDefinedFunction) is { } rules)
        {
            record(new Verdict(VerdictKind.Proved, rules, null, null, 0));
            return true;
        }
        using var timeBudget = StepBudget.Open(options);
        try
        {
            var outcome = MatrixStatement.Check(shapes, _matrices, _scope, left.Node, left.Parsed, relation, right.Node, right.Parsed, options.Seed, timeBudget?.Token ?? default, options.StepTimeout);
            // Vectors only named (P(c | \boldsymbol{x}), q(x_t | x_0)) and not read here: the scalar reading as before.
            if (outcome.Unread && !shapes.HasOperations) return false;
            var kernel = relation == Symbolic.Relation.Equal ? NoteRecursion(left, right) : null;
            var verdict = OpenCoefficients(DrawnVectors(outcome.Verdict), outcome);
            // p(x₁ | x₂) = p(x₁, x₂)/p(x₂) with x₁, x₂ blocks of a stacked normal: a statement about densities that the matrix
            // layer does not decide goes to the scalar reading, as it did before the blocks were vectors.
            if (verdict.Kind == VerdictKind.Unsupported && !shapes.HasOperations && OnlyBlocksAndDensities(left, right)) return false;
            if (verdict.Kind == VerdictKind.Unsupported && outcome.Verdict.Kind == VerdictKind.Refuted && kernel is not null) verdict = kernel;
            // A link that unrolls a recursion the text gave (x_{t−1} written one step back): an identity with it substituted.
            if (verdict.Kind is VerdictKind.Unsupported or VerdictKind.Refuted && outcome.Verdict.Kind == VerdictKind.Refuted && relation == Symbolic.Relation.Equal
                && MathBinder.Bind(left.Node, left.Parsed, _scope).Value is { } unrolledLeft && MathBinder.Bind(right.Node, right.Parsed, _scope).Value is { } unrolledRight
                && ShiftedRecursion(_scope.SubstituteSymbols(unrolledLeft), _scope.SubstituteSymbols(unrolledRight)) is { } unrolled)
                verdict = unrolled;
            // Sides that combine independent standard normal vectors: equal in distribution when their laws agree.
            if (verdict.Kind == VerdictKind.Unsupported && outcome.Verdict.Kind == VerdictKind.Refuted && relation == Symbolic.Relation.Equal
                && MathBinder.Bind(left.Node, left.Parsed, _scope).Value is { } scalarLeft && MathBinder.Bind(right.Node, right.Parsed, _scope).Value is { } scalarRight
                && EqualInDistribution(_scope.SubstituteSymbols(scalarLeft), _scope.SubstituteSymbols(scalarRight)) is { } law)
                verdict = law;
            // …or different in distribution too (their means over the noise differ): the refutation stands.
            else if (verdict.Kind == VerdictKind.Unsupported && outcome.Verdict.Kind == VerdictKind.Refuted && outcome.InstanceLhs is { } drawnLhs && outcome.InstanceRhs is { } drawnRhs
                && !AppliedAtNoise(left) && !AppliedAtNoise(right) && DifferentMeans(outcome.Verdict, drawnLhs, drawnRhs) is { } apart)
                verdict = apart;
            if (verdict.Kind == VerdictKind.Refuted && outcome.InstanceLhs is { } il && outcome.InstanceRhs is { } ir) verdict = Sound(verdict, il, ir);
            // v < 0 in (v/2) log|V|: the failing instance again with the scalars of no stated sign positive (MatrixStatement.Signs).
            if (verdict.Kind == VerdictKind.Refuted && _place != StatementPlace.Universal && outcome.InstanceLhs is { } sl && outcome.InstanceRhs is { } sr
                && MatrixStatement.WithPositiveScalars(verdict, sl, relation, sr, WithProseSigns(_scope.Assumptions), _scope.Context, options.Seed, timeBudget?.Token ?? default) is { } signed)
                verdict = signed;
            // "Substituting Σ_p = diag(σ₁², …, σ_d²)" in the prose: Σ_p now stands for a value SymKl could not read, not for a
            // free matrix (a link of a display chain that cannot be read gives no such value).
            if (outcome.Unread && role == StatementRole.Claim && relation == Symbolic.Relation.Equal && left.Node is Latex.Syntax.Identifier named)
                UnreadableValue(MathBinder.SymbolName(named, left.Parsed), right.At(right.Node.Span.Start).Line);
            // "P x = argmin_{y ∈ S} ‖x − y‖": a matrix given by what it does to a vector, in a formula SymKl cannot read (DocumentRun.OperatorByAction).
            if (outcome.Unread && relation == Symbolic.Relation.Equal && OperatorByAction(left) is { } operatorName)
                UnreadableValue(operatorName, right.At(right.Node.Span.Start).Line);
            var reviewed = Review(verdict, left, right, shapes);
            // "z_i = \mathbf{w}^\top \mathbf{x}_i": a name given a value in vectors, which SymKl does not keep as a definition —
            // not a free parameter of later claims (∇_w of an expression in z_i depends on it through w).
            if (verdict.Kind == VerdictKind.Refuted && reviewed.Kind == VerdictKind.Unsupported && relation == Symbolic.Relation.Equal
                && MatrixScope.Unwrap(left.Node) is Latex.Syntax.Identifier && LoneName(left.Node, right.Node, left.Parsed, shapes) is { } loneName && !_scope.DefinesSymbol(loneName))
                UnreadableValue(loneName, right.At(right.Node.Span.Start).Line);
            // "Assuming V = I_n": read again with the matrices the text set in a hypothesis (DocumentRun.MatrixHypotheses).
            reviewed = UnderMatrixHypotheses(reviewed, left, right, relation);
            // "W W = V^{-1}" assumed before it: a tie between matrices the free draws break (DocumentRun.MatrixRelations).
            reviewed = UnderStatedMatrixRelations(reviewed, left, right);
            // "Q orthonormal ($Q^\top Q = I$)" stated before it: drawn with the property (DocumentRun.StatedMatrixProperties).
            reviewed = UnderStatedMatrixProperties(reviewed, left, right, relation);
            // "A = [[a, b], [c, d]]" before it: read again with the matrix the text writes out (DocumentRun.WrittenMatrices).
            reviewed = UnderWrittenMatrices(reviewed, left, right, relation);
            record(reviewed);
        }
        catch (OperationCanceledException) when (StepBudget.Stopped(timeBudget))
        {
            record(new Verdict(VerdictKind.Unsupported, StepBudget.Exceeded(timeBudget, options), null, null, 0));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or BudgetExceededException or InsufficientExecutionStackException)
        {
            record(new Verdict(VerdictKind.Unsupported, "with vectors and matrices: internal limitation: " + ex.Message, null, null, 0));
        }
        return true;
    }

    /// <summary>How far after a display the words that name a quantity of it may stand (the sentence that follows it).</summary>
    private const int NamedAfterReach = 240;

    /// <summary>The difference of the sides involves the name (or an entry of it): wrong whatever it is, the step stands refuted.</summary>
    private static bool InResidue(Verdict verdict, string name) =>
        verdict.Residue is not { } residue || Symbolic.Traversal.FreeSymbols(residue).Any(x => x.Name == name || x.Name.StartsWith(name + "[", StringComparison.Ordinal));

    /// <summary>The words that name the vector or matrix right after the current display ("where $x_0$ is the minimizer of $f$"), or null.</summary>
    private string? NamedRightAfter(string key)
    {
        if (_block is not { IsDisplay: true } block || !_namedInProseAt.TryGetValue(key, out var offsets)) return null;
        var text = document.Source.Text;
        var end = Math.Min(text.Length, block.Offset + block.Length);
        foreach (var at in offsets)
        {
            if (at < end || at - end > NamedAfterReach) continue;
            var gap = text.Substring(end, at - end).Trim('$', ' ');
            // The next sentence only, its first math: not across a heading, a full stop or other math.
            if (gap.Contains('#') || gap.Contains(". ") || gap.Contains('$')) continue;
            var stop = text.IndexOfAny(['.', '\n'], at);
            return System.Text.RegularExpressions.Regex.Replace(text.Substring(end, (stop < 0 ? text.Length : stop) - end), @"^[\s$,]+", "").Trim();
        }
        return null;
    }

    /// <summary>A statement that applies a density to a block of a stacked normal and holds no moment (E, Var, Cov).</summary>
    private bool OnlyBlocksAndDensities(Operand left, Operand right)
    {
        var (block, moment, density) = (false, false, false);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n =>
            {
                if (n is Latex.Syntax.Identifier id && _matrices.IsBlock(MatrixScope.Key(id, side.Parsed))) block = true;
                if (n is Latex.Syntax.Expectation || n is Latex.Syntax.FunctionApplication { Function: "Var" or "Cov" }) moment = true;
                if (n is Latex.Syntax.Call) density = true;
            });
        return block && density && !moment;
    }

    /// <summary>
    /// A refutation stands only where the statement is certainly what the text says: not a display that continues one
    /// across prose (which expression it continues is a guess), not "H = …" (a side that is a lone name the other side
    /// lacks names a quantity), not a vector the text gives a value SymKl cannot read or names in prose.
    /// </summary>
    private Verdict Review(Verdict verdict, Operand left, Operand right, StatementShapes shapes)
    {
        if (verdict.Kind != VerdictKind.Refuted) return verdict;
        string? why = null;
        if (left.Parsed != right.Parsed)
            why = "it continues an earlier display across prose, and which expression it continues is not certain";
        // The sides differ only in where they are defined (log s and ½ log s² with s of either sign): a domain taken for granted.
        else if (verdict.Counterexample is { } ce && double.IsNaN(ce.Lhs) != double.IsNaN(ce.Rhs))
            why = "the " + (double.IsNaN(ce.Rhs) ? "right" : "left") + " side is undefined at a point where the other is defined; the text may take a domain for granted (state it, e.g. s > 0, to decide the step)";
        else if ((ConditionOnNamedObjects(left, right) ?? ConditionOnNamedObjects(right, left)) is { } condition)
        {
            why = "it sets an expression in " + condition + ", which the document names but never defines, equal to a constant: a property it states of them (orthogonal, normalised), not an identity in arbitrary values";
            StatedProperty(left, right);
        }
        else if ((IntroducedFactors(left, right) ?? IntroducedFactors(right, left)) is { } factors)
            why = "it writes " + factors + ", first written here: a factorization that introduces them (as an SVD, an eigendecomposition or a Cholesky factor does), not an identity in free draws of them";
        else if (ReadTwoWays(verdict) is { } twoWays)
            why = "it reads " + twoWays + " both as a number and as a function applied to a vector (" + twoWays + "(…)): the two readings of the name disagree, so the failure compares readings, not the text's sides";
        else if ((LoneName(left.Node, right.Node, left.Parsed, shapes) ?? LoneName(right.Node, left.Node, right.Parsed, shapes)) is { } name)
            why = "one side is the name " + name + ", which the other side does not use: it reads as naming a quantity";
        else if ((FreshScalar(left, right, shapes) ?? FreshScalar(right, left, shapes)) is { } fresh)
            why = "it gives " + fresh + ", a number first written here and only on one side, a value (cos θ = aᵀb/(‖a‖‖b‖) names the angle): a definition rather than an identity";
        else if (QuotedInOwnNames(left, right, shapes) is { } own)
            why = "its sides share no name and " + own + " is first written here: a result quoted in names of its own, or a value given to " + own + ", not an identity in free values";
        else if (PseudoinverseBesideItsMatrix(left, right) is { } pseudoinverse)
            why = "it writes " + pseudoinverse + " (Moore–Penrose), which this reading of vectors and matrices takes as a matrix of its own, drawn apart from it";
        else if (DefinedRightAfter(verdict, left, right) is { } after)
            why = "it depends on a name the words right after the display define ('where " + after + "'), a definition this reading of vectors and matrices does not use";
        else if ((UnreadableName(left) ?? UnreadableName(right)) is { } unread)
            why = "its truth depends on " + unread + ", which the document gives a value SymKl cannot read";
        else if ((ProductOrApplication(verdict, left, right) ?? ProductOrApplication(verdict, right, left)) is { } open)
            why = "it reads " + open + " with matrices the document does not declare, where another reading is as likely (a function or Jacobian applied, not a product; a matrix whose rows are the indexed vectors)";
        else if (StackedFamily(verdict, left, right) is { } stacked)
            why = "it takes " + stacked + " as free of each other, where the text may mean the matrix that stacks the indexed vectors (X with rows x_iᵀ)";
        else if (ArrowedAndPlain(left, right) is { } twice)
            why = "it reads " + twice + " written with an arrow and without as one vector, where the text may mean two quantities (the stacked data and one observation)";
        else if (IndexFamily(verdict) is { } family)
            why = "it takes " + family + " as unrelated, where the text may mean the column (or row) of the matrix with those entries";
        else if (DefinedButDrawn(verdict) is { } drawn)
            why = "the document defines " + drawn + ", which this reading of vectors and matrices took as a free matrix (the definition, and what it implies, is not used)";
        else
            foreach (var kv in verdict.Counterexample?.Values ?? [])
            {
                var bracket = kv.Key.IndexOf('[');
                var vector = bracket > 0 ? kv.Key.Substring(0, bracket) : kv.Key;
                if (_unreadableValues.ContainsKey(vector) || _namedInProse.Contains(vector) && !DifferentiatedInChainHead(vector)) { why = "its truth depends on " + vector + ", which the document gives a value SymKl cannot read or names in prose"; break; }
                // "…, where $\bar{\mathbf{x}}_0$ is the minimizer of $\bar f$" right after the display: the words define it for the display.
                if (InResidue(verdict, vector) && NamedRightAfter(vector) is { } naming) { why = "its truth depends on " + vector + ", which the words right after the display define ('" + naming + "'), a value SymKl does not read"; break; }
                // p_{i+δ, 2j} beside the definition of p_{i, 2j}: a member of a family the document defines (DocumentRun.FamilyMembers).
                if (InResidue(verdict, vector) && FamilyDefinitionOf(vector) is { } member) { why = "its truth depends on " + vector + ", a member of the family the document defines as " + member + ", at an index SymKl does not read through that definition"; break; }
                // Through a definition too, named as the document writes it (μ₁ = \pmb 0 entering KL(q‖p) only inside p's law).
                if ((_scope.DefinesSymbol(vector) ? vector : DefinitionPrintedAs(vector)) is { } defined)
                { why = "the document defines " + defined + " in a form this reading of vectors and matrices does not use"; break; }
            }
        return why is null ? verdict : new Verdict(VerdictKind.Unsupported, why + "; not refuted (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);
    }

    /// <summary>
    /// A name the refuting instance took as a matrix ("J_X = [[5]]" in its reason) that the statement writes before brackets
    /// (J_X(S): a product, or a Jacobian or map applied), or a capital C taken as a matrix beside indexed c_i (C may be the
    /// matrix whose rows are the c_i). Neither reading is certain when the document declares neither; null when none.
    /// </summary>
    private string? ProductOrApplication(Verdict verdict, Operand side, Operand other)
    {
        // B_k also written as a factor in the statement ((I − K H) B_k − (I − K H) B_k (K H)ᵀ): the matrix B_k, so B_k(…) multiplies.
        var factors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in new[] { side, other })
        {
            var callees = new List<Latex.Syntax.SyntaxNode>();
            MatrixScope.Visit(s.Node, n => { if (n is Latex.Syntax.Call { Callee: var c }) callees.Add(c); });
            MatrixScope.Visit(s.Node, n => { if (n is Latex.Syntax.Identifier id && !callees.Any(c => ReferenceEquals(c, id))) factors.Add(MathBinder.SymbolName(id, s.Parsed)); });
        }
        var taken = new HashSet<string>(System.Text.RegularExpressions.Regex.Matches(verdict.Reason, @"([^\s,=:]+) = \[\[").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        if (taken.Count == 0) return null;
        bool Taken(Latex.Syntax.Identifier id)
        {
            if (_matrices.Shapes.ContainsKey(MatrixScope.Key(id, side.Parsed))) return false;
            var name = MathBinder.SymbolName(id, side.Parsed);
            return taken.Contains(name) || taken.Contains(MatrixScope.Key(id, side.Parsed)) || taken.Contains(PrintedName(name));
        }
        string? found = null;
        MatrixScope.Visit(side.Node, n =>
        {
            if (found is not null) return;
            if (n is Latex.Syntax.Call { Callee: Latex.Syntax.Identifier id } && Taken(id) && !factors.Contains(MathBinder.SymbolName(id, side.Parsed))) found = MathBinder.SymbolName(id, side.Parsed) + "(…)";
            else if (n is Latex.Syntax.Identifier { Subscript: not null } indexed && indexed.Name.Length == 1 && char.IsLower(indexed.Name[0])
                && taken.Contains(char.ToUpperInvariant(indexed.Name[0]).ToString()))
                found = char.ToUpperInvariant(indexed.Name[0]) + " beside " + MathBinder.SymbolName(indexed, side.Parsed);
        });
        return found;
    }

    /// <summary>
    /// A name the refuting instance drew as a free matrix (X = [[…]] in its reason) while the statement, or a number it is read
    /// through (𝓛 = −Σᵢ … with p̂ᵢ = σ(wᵀxᵢ)), uses indexed vectors of the same letter (xᵢ): X then likely stacks the xᵢ as rows,
    /// which a free draw ignores. (A vector x beside xᵢ is not one: the xᵢ of a sum are read as its components.) Names the
    /// pair ("X beside x_i"), or null.
    /// </summary>
    private string? StackedFamily(Verdict verdict, Operand left, Operand right)
    {
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(verdict.Reason, @"([^\s,=:(]+) = \["))
            drawn.Add(m.Groups[1].Value);
        if (drawn.Count == 0) return null;
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = new List<(Latex.Syntax.SyntaxNode Node, Latex.ParseResult Parsed)> { (left.Node, left.Parsed), (right.Node, right.Parsed) };
        // The sides, then the formulas of the numbers defined in vectors that they name (a bounded walk).
        for (var k = 0; k < read.Count && k < 32; k++)
        {
            var (node, parsed) = read[k];
            MatrixScope.Visit(node, n =>
            {
                if (n is not Latex.Syntax.Identifier id) return;
                if (id.Subscript is { } sub && MatrixScope.Unwrap(sub) is Latex.Syntax.Identifier { Subscript: null, Name.Length: 1 } index && char.IsLower(index.Name[0]))
                {
                    var member = MathBinder.SymbolName(id, parsed);
                    if (!members.ContainsKey(StackCore(MathBinder.SymbolName(id with { Subscript = null }, parsed)))) members[StackCore(MathBinder.SymbolName(id with { Subscript = null }, parsed))] = member;
                }
                if (_matrices.ScalarDefinitions.TryGetValue(MatrixScope.Key(id, parsed), out var definition) && !read.Any(r => ReferenceEquals(r.Node, definition.Formula)))
                    read.Add((definition.Formula, definition.Parsed));
            });
        }
        foreach (var name in drawn)
            if (members.TryGetValue(StackCore(name), out var indexed) && StackCore(name).Length > 0) return name + " beside " + indexed;
        return null;
    }

    /// <summary>A name without its styles and case (\mathbf{X} and x, \hat{\mathbf{p}} and \hat{p}): the letter a stacked family shares.</summary>
    private static string StackCore(string name)
    {
        foreach (var style in new[] { "\\mathbf", "\\boldsymbol", "\\bm", "\\pmb", "\\vec", "\\mathrm", "\\mathit" }) name = name.Replace(style, "");
        var sb = new System.Text.StringBuilder();
        foreach (var c in name) if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>
    /// A name the refuting instance drew as a free matrix ("A = [[…]]" in its reason) that the document defines in a form
    /// the matrix reading does not use (A := c₂/c₁, with c₁ and c₂ fixed by an earlier condition): the counterexample may be
    /// one the definition rules out. Null when there is none.
    /// </summary>
    private string? DefinedButDrawn(Verdict verdict)
    {
        static string Bare(string name) => PrintedName(name).Replace("\\", "").Replace("{", "").Replace("}", "");
        var used = new HashSet<string>(_matrices.Definitions.Keys.Select(Bare), StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(verdict.Reason, @"([^\s,=:]+) = \[\["))
        {
            var name = m.Groups[1].Value;
            if (used.Contains(Bare(name))) continue;
            if (_scope.DefinesSymbol(name)) return name;
            if (DefinitionPrintedAs(Bare(name)) is { } defined) return defined;
        }
        return null;
    }

    /// <summary>\mathbf{J}_\mathbf{X} → J_X, \vec{k}_t → k_t: a name as a refutation's reason prints it (the matrix reading drops an arrow).</summary>
    private static string PrintedName(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"\\(mathbf|mathrm|mathit|mathsf|boldsymbol|bm|vec|overrightarrow)\{([^{}]*)\}", m => m.Groups[2].Value);

    /// <summary>The document's definition whose name prints as <paramref name="printed"/> (\boldsymbol{\mu}_1 as mu_1), or null.</summary>
    private string? DefinitionPrintedAs(string printed) =>
        Definitions.Select(d => d.Name).FirstOrDefault(name => PrintedName(name).Replace("\\", "").Replace("{", "").Replace("}", "") == printed);

    /// <summary>
    /// μ̃_t(x_t, ε) for a μ̃_t(x_t, x_0) the text defined: it renames the function's arguments (x_0 written through the
    /// noise), which reading ε into the parameter x_0 gets wrong, so laws over the noise compared so show nothing.
    /// </summary>
    private bool AppliedAtNoise(Operand side)
    {
        var found = false;
        MatrixScope.Visit(side.Node, n =>
        {
            if (!found && n is Latex.Syntax.Call { Callee: Latex.Syntax.Identifier f } call && _scope.Context.Defined.ContainsKey(MathBinder.FunctionName(f, side.Parsed)))
                found = call.Arguments.Any(a => a is Latex.Syntax.Identifier id && IsDrawnNoise(MathBinder.SymbolName(id, side.Parsed)));
        });
        return found;
    }

    private string? UnreadableName(Operand side)
    {
        string? found = null;
        MatrixScope.Visit(side.Node, n =>
        {
            if (found is null && n is Latex.Syntax.Identifier id && _unreadableValues.ContainsKey(MathBinder.SymbolName(id, side.Parsed)))
                found = MathBinder.SymbolName(id, side.Parsed);
        });
        return found;
    }

    /// <summary>A side written in one scalar name alone (θ, cos θ), the name first written in this math, on this side only and with no value or law: the statement names it.</summary>
    private string? FreshScalar(Operand side, Operand other, StatementShapes shapes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        MatrixScope.Visit(other.Node, n => { if (n is Latex.Syntax.Identifier o) names.Add(MathBinder.SymbolName(o, other.Parsed)); });
        string? found = null;
        MatrixScope.Visit(side.Node, n =>
        {
            if (found is not null || n is not Latex.Syntax.Identifier id || shapes.ShapeOf(MatrixScope.Key(id, side.Parsed)) is not null) return;
            var name = MathBinder.SymbolName(id, side.Parsed);
            if (!names.Contains(name) && FirstWrittenHere(id, side.Parsed) && !_scope.DefinesSymbol(name) && !_scope.IsDefinedFunction(name) && !_scope.HasDistribution(name)
                && !_matrices.Shapes.ContainsKey(MatrixScope.Key(id, side.Parsed)))
                found = name;
        });
        if (found is null) return null;
        // Only a side written in that name alone (θ, cos θ, θ²): tr(cA) = tr(A) with a fresh c is a claim about every c.
        var alone = true;
        MatrixScope.Visit(side.Node, n =>
        {
            if (n is Latex.Syntax.Identifier id && MathBinder.SymbolName(id, side.Parsed) != found) alone = false;
        });
        return alone ? found : null;
    }

    /// <summary>
    /// f·x in a definition read earlier (f a number there, written bare as a member of a set) and f(x) an unknown function of a
    /// vector here: a counterexample that gives the name a number and the function values too read it two ways. Null otherwise.
    /// </summary>
    private static string? ReadTwoWays(Verdict verdict)
    {
        var keys = verdict.Counterexample?.Values.Select(v => v.Key).ToList() ?? [];
        return keys.FirstOrDefault(k => k.IndexOf('(') < 0 && keys.Any(m => m.StartsWith(k + "(", StringComparison.Ordinal)));
    }

    private string? LoneName(Latex.Syntax.SyntaxNode side, Latex.Syntax.SyntaxNode other, Latex.ParseResult parsed, StatementShapes shapes)
    {
        // A declared matrix, or a vector with a law or in one, set equal to a formula is a claim about it; any other lone name
        // (ẑ_n = B̂ᵀx_n, or u = Bv after only u ∈ ℝ^m) names something.
        // σ̂² = …, ln Λ = …: the square or the log of a name names it as much (a variance, a log-ratio).
        if (NamedThrough(MatrixScope.Unwrap(side)) is not Latex.Syntax.Identifier id || _matrices.Shapes.ContainsKey(MatrixScope.Key(id, parsed)) && !OnlyDeclaredVector(MatrixScope.Key(id, parsed))) return null;
        // x_0 or x_t of the forward chain: the chain gives it its law, so "x_0 = …" is a claim about it, not a name for the other side.
        if (IsChainVariable(id, parsed)) return null;
        var name = MathBinder.SymbolName(id, parsed);
        var used = false;
        MatrixScope.Visit(other, n => { if (n is Latex.Syntax.Identifier o && MathBinder.SymbolName(o, parsed) == name) used = true; });
        return used ? null : name;
    }

    /// <summary>The name under a square or a logarithm (σ̂² → σ̂, ln Λ → Λ), or the node itself.</summary>
    private static Latex.Syntax.SyntaxNode NamedThrough(Latex.Syntax.SyntaxNode side) => side switch
    {
        Latex.Syntax.Power { Base: var b, Exponent: var e } when MatrixScope.Unwrap(e) is Latex.Syntax.Number { Text: "2" } && MatrixScope.Unwrap(b) is Latex.Syntax.Identifier named => named,
        Latex.Syntax.FunctionApplication { Function: "log" or "ln", Base: null, Arguments: [var argument] } when MatrixScope.Unwrap(argument) is Latex.Syntax.Identifier logged => logged,
        _ => side,
    };

    /// <summary>
    /// u ∈ ℝ^m and nothing else: no law, not a parameter or the variable of one, no formula. Set equal to a formula without
    /// it ("u = Bv"), the text gives u that value; read as a claim about a free u it would be refuted, and a later
    /// ∇_v(aᵀu) = 0 confirmed with u still free.
    /// </summary>
    private bool OnlyDeclaredVector(string key)
    {
        if (!_matrices.Shapes.TryGetValue(key, out var shape) || !shape.IsVector) return false;
        if (_matrices.Definitions.ContainsKey(key) || _matrices.RandomDefinitions.ContainsKey(key) || _matrices.ScalarDefinitions.ContainsKey(key)) return false;
        bool Mentions(Latex.Syntax.SyntaxNode node, Latex.ParseResult parsed)
        {
            var found = false;
            MatrixScope.Visit(node, n => found |= n is Latex.Syntax.Identifier o && MatrixScope.Key(o, parsed) == key);
            return found;
        }
        return !_matrices.AllLaws.Any(g => g.Variable == key || Mentions(g.Mean, g.Parsed) || Mentions(g.Covariance, g.Parsed));
    }

    /// <summary>
    /// x_t = √ᾱ x_0 + √(1−ᾱ) ε with ε ∼ 𝒩(0, I): a side that holds a vector drawn at random can be equal to the other in
    /// distribution while no identity holds between the components; a failure at chosen components shows nothing.
    /// </summary>
    /// <summary>x_t[1] in the name of a free moment #E[x_t[1]·x_t[1]]: the vector's name.</summary>
    private static readonly System.Text.RegularExpressions.Regex MomentEntry = new(@"([^\[\]·*#\s]+)\[\d+\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>\mathbf{x} → x: the vector reading prints names without the bold macro the text wrote.</summary>
    private static string Unbold(string name)
    {
        foreach (var macro in new[] { "\\mathbf{", "\\boldsymbol{", "\\bm{" })
            if (name.StartsWith(macro, StringComparison.Ordinal) && name.EndsWith("}", StringComparison.Ordinal)) return name.Substring(macro.Length, name.Length - macro.Length - 1);
        return name;
    }

    private Verdict DrawnVectors(Verdict verdict)
    {
        if (verdict.Kind != VerdictKind.Refuted || verdict.Counterexample is null) return verdict;
        foreach (var kv in verdict.Counterexample.Values)
        {
            // #E[x_t[1]·x_t[1]]: a moment chosen freely for a state of the forward chain, whose law the chain gives (through
            // x_0 and the noises): a value picked for it shows nothing about the statement.
            if (kv.Key.StartsWith("#E[", StringComparison.Ordinal) && _chain is { } chain)
                foreach (System.Text.RegularExpressions.Match m in MomentEntry.Matches(kv.Key.Substring(3)))
                    if (m.Groups[1].Value is var state && SplitIndex(state) is var (head, index) && Unbold(head) == Unbold(chain.Letter) && index != "0")
                        return new Verdict(VerdictKind.Unsupported, "it sets a moment of " + state + " freely, but " + state + " is a state of the forward chain, whose law the text gives "
                            + "(through " + chain.Letter + "_0 and the noise of each step), which this reading of vectors does not use; not refuted (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);
            var bracket = kv.Key.IndexOf('[');
            if (bracket <= 0) continue;
            var name = kv.Key.Substring(0, bracket);
            // E[u | v] = a + K(v − b) holds for every value of v, the vector conditioned on: a failure at one refutes it.
            if (_matrices.LastConditioned.Contains(name)) continue;
            if (_matrices.Gaussians.TryGetValue(name, out var g) && g.Variable == name || IsRandomName(name))
                return new Verdict(VerdictKind.Unsupported, "it holds a vector drawn at random (" + name + "), so the sides may be equal in distribution while no identity holds; not refuted (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);
        }
        return verdict;
    }
}
