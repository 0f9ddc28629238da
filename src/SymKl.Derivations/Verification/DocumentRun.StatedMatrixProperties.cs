using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What the text states of a matrix it never defines, in math or in words: "where $Q$ is an orthonormal matrix
/// ($Q^\top Q = I$)", "for an orthogonal matrix $U$", "$\Lambda$ is a diagonal matrix", "let $A$ be symmetric positive
/// definite". The matrix reading draws such a matrix freely, so a refutation of a later step that writes it may rest on a
/// draw the text excluded (U = [[5]]). The step is checked again with the matrix drawn with the property (orthogonal: the
/// Cayley transform (I − S)(I + S)⁻¹ of a skew S = G − Gᵀ; symmetric: G + Gᵀ; positive definite: G Gᵀ + I, G a free matrix;
/// diagonal: a diagonal matrix with positive entries): a failure there is a counterexample that respects the text (a matrix with the property
/// is one of the free draws too), and is reported as such; a step that holds or is not refuted then, or a property no draw
/// is built for (orthogonal and symmetric together), is left undecided. A projection (idempotent, "the projection onto …")
/// is drawn as g (gᵀg)⁻¹ gᵀ for a free vector g: the projection onto a line, one projection among all (so a failure is a
/// counterexample), symmetric too. Only statements before the step count, whatever their role
/// (an inline "($Q^\top Q = I$)" reads as a claim). A display that sets an expression in undefined matrices equal to a
/// constant (W Σ Wᵀ = I) is kept too: a relation <see cref="UnderStatedMatrixRelations"/> does not impose on its draws.
/// </summary>
internal sealed partial class DocumentRun
{
    private enum MatrixProperty { Orthogonal, Symmetric, PositiveDefinite, Diagonal, Idempotent }

    /// <summary>Fresh capitals a constrained draw is built from (none of them a dimension letter or excluded from the matrix letters).</summary>
    private static readonly string[] FreshMatrixLetters = ["G", "J", "O", "F", "C", "B"];

    /// <summary>Fresh lower-case letters a projection is drawn from (the vector it projects onto).</summary>
    private static readonly string[] FreshVectorLetters = ["g", "h", "q", "r", "s", "k"];

    /// <summary>How many property displays are kept (the latest ones).</summary>
    private const int MaxStatedProperties = 200;

    private readonly List<(string Written, int Line, SyntaxNode Lhs, ParseResult LhsParsed, SyntaxNode Rhs, ParseResult RhsParsed)> _statedProperties = [];

    /// <summary>"W Σ Wᵀ = I" in matrices the document never defines (DocumentRun.Matrices' review): a property display.</summary>
    private void StatedProperty(Operand left, Operand right)
    {
        if (left.Parsed != right.Parsed) return;
        if (_statedProperties.Count >= MaxStatedProperties) _statedProperties.RemoveAt(0);
        _statedProperties.Add((left.Text + " = " + right.Text, right.At(right.Node.Span.Start).Line, left.Node, left.Parsed, right.Node, right.Parsed));
    }

    /// <summary>The property displays before <paramref name="line"/>, latest first.</summary>
    private IEnumerable<(string Written, int Line, SyntaxNode Lhs, ParseResult LhsParsed, SyntaxNode Rhs, ParseResult RhsParsed)> StatedPropertiesBefore(int line) =>
        Enumerable.Reverse(_statedProperties).Where(p => p.Line < line);

    private Verdict UnderStatedMatrixProperties(Verdict verdict, Operand left, Operand right, Symbolic.Relation relation)
    {
        if (verdict.Kind != VerdictKind.Refuted || left.Parsed != right.Parsed) return verdict;
        var line = right.At(right.Node.Span.Start).Line;
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => { if (n is Identifier id) mentioned.Add(MatrixScope.Key(id, side.Parsed)); });
        var stated = new Dictionary<string, (HashSet<MatrixProperty> Properties, List<string> Texts)>(StringComparer.Ordinal);
        void Add(string key, MatrixProperty property, string text)
        {
            // A matrix the text defines is read through its formula; the property is then a claim about it, not a constraint.
            if (!mentioned.Contains(key) || _matrices.Definitions.ContainsKey(key) || _matrices.ScalarDefinitions.ContainsKey(key)) return;
            if (!stated.TryGetValue(key, out var entry)) stated[key] = entry = (new HashSet<MatrixProperty>(), []);
            if (entry.Properties.Add(property)) entry.Texts.Add(text);
        }
        foreach (var (key, property, text) in PropertiesInMath(line, right.At(right.Node.Span.Start).Column)) Add(key, property, text);
        try
        {
            foreach (var (key, property, text) in PropertiesInWords()) Add(key, property, text);
        }
        catch (RegexMatchTimeoutException)
        {
            return new Verdict(VerdictKind.Unsupported, "it fails with its matrices drawn freely (" + verdict.Reason + "), but the prose before it, which may state a property of them, could not be read in time; not refuted",
                verdict.Residue, null, verdict.PointsChecked);
        }
        if (stated.Count == 0) return verdict;
        var names = string.Join(", ", stated.Keys);
        var said = string.Join(", ", stated.Values.SelectMany(v => v.Texts).Distinct(StringComparer.Ordinal));
        Verdict Withheld(string how) => new(VerdictKind.Unsupported, "it fails with " + names + " drawn freely (" + verdict.Reason + "), but the text states "
            + said + " of it; " + how, verdict.Residue, null, verdict.PointsChecked);
        var borrowed = new Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, MatrixShape>(StringComparer.Ordinal);
        var built = new List<string>();
        List<string> letters;
        List<string> vectorLetters;
        try
        {
            letters = FreshMatrixLetters.Where(l => !WrittenInDocument(l)).ToList();
            vectorLetters = FreshVectorLetters.Where(l => !WrittenInDocument(l)).ToList();
        }
        catch (RegexMatchTimeoutException) { return Withheld("the document could not be searched for a fresh letter to draw it with, so it is not refuted"); }
        foreach (var entry in stated)
        {
            if (DrawnProperty(entry.Value.Properties) is not { } property)
                return Withheld("SymKl draws no matrix with " + (entry.Value.Properties.Count > 1 ? "those properties together" : "that property") + ", so it is not refuted");
            // Diagonal: drawn by kind (diagonal, positive entries), for diag(·) of a 1 × 1 matrix does not read as a matrix.
            if (property == MatrixProperty.Diagonal)
            {
                var declared = _matrices.Shapes.TryGetValue(entry.Key, out var shape) ? shape : null;
                if (declared is { IsVector: true } || declared is not null && declared.Rows != declared.Columns)
                    return Withheld("its declared shape is not square, so it is not drawn diagonal and not refuted");
                kinds[entry.Key] = declared is null ? MatrixShape.Square(MatrixScope.Common, MatrixKind.Diagonal) : declared with { Kind = MatrixKind.Diagonal };
                built.Add(entry.Key + " diagonal with positive entries");
                continue;
            }
            if (property == MatrixProperty.Idempotent)
            {
                // g (gᵀg)⁻¹ gᵀ for a free vector g: the orthogonal projection onto the line through g (P² = P, Pᵀ = P).
                var declared = _matrices.Shapes.TryGetValue(entry.Key, out var shape) ? shape : null;
                if (declared is { IsVector: true } || declared is not null && declared.Rows != declared.Columns)
                    return Withheld("its declared shape is not square, so it is not drawn as a projection and not refuted");
                if (vectorLetters.Count == 0) return Withheld("no fresh letter was left to draw it with, so it is not refuted");
                var v = vectorLetters[0];
                vectorLetters.RemoveAt(0);
                if (LatexParser.ParseExpression("(" + v + " (" + v + "^\\top " + v + ")^{-1} " + v + "^\\top)") is not { Expression: { } projector } lineParsed)
                    return Withheld("it could not be drawn with that property, so it is not refuted");
                kinds[v] = MatrixShape.Vector(declared?.Rows ?? MatrixScope.Common);
                borrowed[entry.Key] = (projector, lineParsed);
                built.Add(entry.Key + " = " + v + "(" + v + "ᵀ" + v + ")⁻¹" + v + "ᵀ (the projection onto the line through a free vector " + v + ")");
                continue;
            }
            if (letters.Count == 0) return Withheld("no fresh letter was left to draw it with, so it is not refuted");
            var g = letters[0];
            letters.RemoveAt(0);
            var (formula, shown) = property switch
            {
                MatrixProperty.Orthogonal => ("(I - (" + g + " - " + g + "^\\top))(I + (" + g + " - " + g + "^\\top))^{-1}", "(I − S)(I + S)⁻¹, S = " + g + " − " + g + "ᵀ (orthogonal)"),
                MatrixProperty.PositiveDefinite => ("(" + g + " " + g + "^\\top + I)", g + " " + g + "ᵀ + I (symmetric positive definite)"),
                _ => ("(" + g + " + " + g + "^\\top)", g + " + " + g + "ᵀ (symmetric)"),
            };
            if (LatexParser.ParseExpression(formula) is not { Expression: { } node } parsed) return Withheld("it could not be drawn with that property, so it is not refuted");
            borrowed[entry.Key] = (node, parsed);
            built.Add(entry.Key + " = " + shown);
        }
        var (checkedAgain, failure) = CheckMatrixStatementWith(left, right, relation, borrowed, kinds);
        if (checkedAgain is not { } again) return Withheld("it could not be " + failure + " with " + names + " drawn so, so it is not refuted");
        if (again.Verdict.Kind == VerdictKind.Refuted)
            return again.Verdict with { Reason = again.Verdict.Reason + " (with " + string.Join("; ", built) + ", as the text states " + said + ")" };
        return Withheld((again.Verdict.Holds ? "it holds" : "it is not refuted") + " with " + string.Join("; ", built) + ", so it is not decided");
    }

    /// <summary>
    /// The one draw that has every stated property (a diagonal draw with a positive diagonal is symmetric and positive definite
    /// too; a positive definite one is symmetric), or null when none is built (idempotent; orthogonal with another property).
    /// </summary>
    private static MatrixProperty? DrawnProperty(HashSet<MatrixProperty> properties)
    {
        // A projection: drawn as the orthogonal projection onto a random line, which is symmetric too.
        if (properties.Contains(MatrixProperty.Idempotent))
            return properties.All(p => p is MatrixProperty.Idempotent or MatrixProperty.Symmetric) ? MatrixProperty.Idempotent : null;
        if (properties.Contains(MatrixProperty.Orthogonal)) return properties.Count == 1 ? MatrixProperty.Orthogonal : null;
        if (properties.Contains(MatrixProperty.Diagonal)) return MatrixProperty.Diagonal;
        return properties.Contains(MatrixProperty.PositiveDefinite) ? MatrixProperty.PositiveDefinite : MatrixProperty.Symmetric;
    }

    /// <summary>The properties relations before the step state (QᵀQ = I, A = Aᵀ, A² = A), latest first, each with what the text wrote.</summary>
    private IEnumerable<(string Key, MatrixProperty Property, string Text)> PropertiesInMath(int line, int column)
    {
        for (var i = Steps.Count - 1; i >= 0 && i >= Steps.Count - AssumedEquationLookBack; i--)
        {
            var step = Steps[i];
            if (step.Line > line || step.Line == line && step.Column >= column) continue;
            if (step.Relation.Trim().TrimStart('&').Trim() is not ("=" or ":=")) continue;
            if (LatexParser.ParseExpression(step.Lhs) is not { Expression: { } lhs } lp || LatexParser.ParseExpression(step.Rhs) is not { Expression: { } rhs } rp) continue;
            if ((PropertyOf(lhs, lp, rhs, rp) ?? PropertyOf(rhs, rp, lhs, lp)) is not { } found) continue;
            yield return (found.Key, found.Property, step.Lhs.Trim() + " = " + step.Rhs.Trim() + " (line " + step.Line.ToString(CultureInfo.InvariantCulture) + ")");
        }
    }

    /// <summary>The property relation one matrix satisfies (QᵀQ = I, QQᵀ = I, A = Aᵀ, A² = A, AA = A), with the matrix's key; null otherwise.</summary>
    private static (string Key, MatrixProperty Property)? PropertyOf(SyntaxNode one, ParseResult oneParsed, SyntaxNode other, ParseResult otherParsed)
    {
        one = MatrixScope.Unwrap(one);
        other = MatrixScope.Unwrap(other);
        // QᵀQ = I, QQᵀ = I (I, I_p, \mathbf{I}).
        if (other is Identifier identity && StatementShapes.IsIdentity(identity) && Factors(one) is [var a, var b])
        {
            if (Transposed(a) is Identifier ta && MatrixScope.Unwrap(b) is Identifier pb && SameName(ta, oneParsed, pb, oneParsed)) return (MatrixScope.Key(pb, oneParsed), MatrixProperty.Orthogonal);
            if (Transposed(b) is Identifier tb && MatrixScope.Unwrap(a) is Identifier pa && SameName(tb, oneParsed, pa, oneParsed)) return (MatrixScope.Key(pa, oneParsed), MatrixProperty.Orthogonal);
            return null;
        }
        if (other is not Identifier name || StatementShapes.IsIdentity(name) || name.Subscript is not null && !IsMatrixCapital(name)) return null;
        if (!IsMatrixCapital(name)) return null;
        // A = Aᵀ.
        if (Transposed(one) is Identifier t && SameName(t, oneParsed, name, otherParsed)) return (MatrixScope.Key(name, otherParsed), MatrixProperty.Symmetric);
        // A² = A, AA = A.
        if (one is Power { Base: var b2, Exponent: var e } && MatrixScope.Unwrap(e) is Number { Text: "2" } && MatrixScope.Unwrap(b2) is Identifier sq && SameName(sq, oneParsed, name, otherParsed))
            return (MatrixScope.Key(name, otherParsed), MatrixProperty.Idempotent);
        if (Factors(one) is [var f1, var f2] && MatrixScope.Unwrap(f1) is Identifier i1 && MatrixScope.Unwrap(f2) is Identifier i2
            && SameName(i1, oneParsed, name, otherParsed) && SameName(i2, oneParsed, name, otherParsed))
            return (MatrixScope.Key(name, otherParsed), MatrixProperty.Idempotent);
        return null;
    }

    /// <summary>A word that names a property of a matrix (not "non-symmetric", not "orthogonal to": a relation between two things).</summary>
    private const string PropertyWord =
        @"(?<![\w-])(?<word>(?:orthogonal\s+)?(?:projection|projector)|orthogonal|orthonormal|unitary|rotation|(?:symmetric\s+)?positive[\s-]+(?:semi[\s-]*)?definite|symmetric|diagonal|idempotent)(?![\w-])(?!\s+(?:to|with|from|projections?|projectors?|complements?)\b)";

    /// <summary>One name in inline math, or several joined by commas and "and".</summary>
    private const string InlineNames = @"(?<names>\$[^$\n]+\$(?:\s*(?:,\s*(?:and\s+)?|and\s+)\$[^$\n]+\$)*)";

    /// <summary>"an orthogonal matrix $U$", "orthogonal matrices $U$ and $V$", "a diagonal $d \times d$ matrix $D$".</summary>
    private static readonly Regex WordBeforeMatrix = new(PropertyWord + @"\s+(?:(?:square|real|invertible)\s+)?(?:\$[^$\n]*\\times[^$\n]*\$\s+)?(?:matrix|matrices)\s+" + InlineNames,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>"$\Lambda$ is a diagonal matrix", "let $A$ be symmetric", "$U$ and $V$ are orthogonal", "$Q$ is said to be **orthogonal**"
    /// (not "is not orthogonal").</summary>
    private static readonly Regex MatrixIsWord = new(InlineNames + @"\s+(?:is|be|are)\s+(?:said\s+to\s+be\s+)?(?:(?:an?|the|both|also|again|always)\s+)?(?:(?:square|real|invertible)\s+)?(?:\*\*?)?" + PropertyWord,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static readonly Regex InlineName = new(@"\$([^$\n]+)\$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private List<(int Offset, string Key, MatrixProperty Property, string Text)>? _propertiesInWords;

    /// <summary>The properties the prose before the current math states of matrices it names alone in inline math.</summary>
    private IEnumerable<(string Key, MatrixProperty Property, string Text)> PropertiesInWords()
    {
        if (_block is not { } block) return [];
        _propertiesInWords ??= FindPropertiesInWords(document.Source.Text);
        return _propertiesInWords.Where(p => p.Offset < block.Offset).Reverse().Select(p => (p.Key, p.Property, p.Text));
    }

    private static List<(int Offset, string Key, MatrixProperty Property, string Text)> FindPropertiesInWords(string source)
    {
        var found = new List<(int, string, MatrixProperty, string)>();
        foreach (var pattern in new[] { WordBeforeMatrix, MatrixIsWord })
            foreach (Match m in pattern.Matches(source))
            {
                var word = Regex.Replace(m.Groups["word"].Value.ToLowerInvariant(), @"[\s-]+", " ");
                var property = word switch
                {
                    "orthogonal" or "orthonormal" or "unitary" or "rotation" => MatrixProperty.Orthogonal,
                    "symmetric" => MatrixProperty.Symmetric,
                    "diagonal" => MatrixProperty.Diagonal,
                    "idempotent" or "projection" or "projector" or "orthogonal projection" or "orthogonal projector" => MatrixProperty.Idempotent,
                    _ => MatrixProperty.PositiveDefinite,
                };
                var line = 1 + source.Take(m.Index).Count(c => c == '\n');
                var text = "'" + Regex.Replace(m.Value.Replace("**", string.Empty).Replace("__", string.Empty), @"\s+", " ") + "' (line " + line.ToString(CultureInfo.InvariantCulture) + ")";
                foreach (Match math in InlineName.Matches(m.Groups["names"].Value))
                {
                    // "$\mathbf{U} \in \mathbb{R}^{m \times m}$ and … are orthogonal": the name a membership declares.
                    var parsed = LatexParser.ParseMath(DeclaredName(math.Groups[1].Value));
                    // Only a capital written alone ("$U$", "$\boldsymbol{\Lambda}$"): a formula is not what the word is said of.
                    if (parsed.Root?.Rows is [{ Items: [Identifier id] }] && IsMatrixCapital(id) && !StatementShapes.IsIdentity(id))
                        found.Add((m.Index, MatrixScope.Key(id, parsed), property, text));
                }
            }
        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>The left side of a membership ("U \in \mathbb{R}^{m \times m}" gives "U"); the math itself otherwise.</summary>
    private static string DeclaredName(string math)
    {
        var at = Regex.Match(math, @"\\in(?![A-Za-z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return at.Success ? math.Substring(0, at.Index) : math;
    }

    /// <summary>A capital letter (any but the identity): the names a matrix property is stated of.</summary>
    private static bool IsMatrixCapital(Identifier id) => id.Name.Length == 1 && char.IsUpper(id.Name[0]) || MatrixScope.IsMatrixLetter(id);

    private static IReadOnlyList<SyntaxNode>? Factors(SyntaxNode node) => MatrixScope.Unwrap(node) switch
    {
        ImplicitMultiplication m => m.Factors,
        Binary { Operator: BinaryOperator.Multiply } b => [b.Left, b.Right],
        _ => null,
    };

    /// <summary>The name under a transpose (Qᵀ, Q^\top, Q^T), else null.</summary>
    private static Identifier? Transposed(SyntaxNode node) =>
        MatrixScope.Unwrap(node) is Power { Base: var b, Exponent: var e } && (StatementShapes.IsTransposeMarker(e) || StatementShapes.IsT(e)) && MatrixScope.Unwrap(b) is Identifier id ? id : null;

    private static bool SameName(Identifier a, ParseResult ap, Identifier b, ParseResult bp) => MatrixScope.Key(a, ap) == MatrixScope.Key(b, bp);

    /// <summary>The letter is written in the document's text as a name of its own (not inside a longer word or a command).</summary>
    private bool WrittenInDocument(string letter) =>
        Regex.IsMatch(document.Source.Text, @"(?<![A-Za-z\\])" + Regex.Escape(letter) + @"(?![A-Za-z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
