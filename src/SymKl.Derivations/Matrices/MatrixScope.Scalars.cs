using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Derivations.Verification;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// z_i = \mathbf{w}^\top \mathbf{x}_i, \hat{p} = \sigma(\beta^T x): a number the document gives as a formula in vectors. The
/// scalar layer cannot keep it (it has no vectors), so without it ∇_w of an expression in z_i would not know that z_i moves
/// with w. The matrix reading reads such a name through its formula. A name given two different formulas is read through
/// neither (which one a later statement means is a guess).
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> _scalarDefinitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conflictingScalars = new(StringComparer.Ordinal);

    /// <summary>Numbers defined by a formula with a transpose (z = wᵀx), read through it.</summary>
    public IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> ScalarDefinitions => _scalarDefinitions;

    private void ObserveScalarDefinition(LatexRelation r, ParseResult parsed)
    {
        ObserveSumForms(r, parsed);
        if (r.Operators[0] is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false }) return;
        // Only a plain name: bold names and capitals are vectors and matrices (their own definitions), z' may be a transpose.
        // J(\mathbf{w}) = …: a number of one vector argument, read through its formula where it is applied to that argument.
        string? argument = null;
        var target = Unwrap(r.Operands[0]);
        if (target is Call { Callee: Identifier f, Arguments.Count: 1, Separators.Count: 0 } call && Unwrap(call.Arguments[0]) is Identifier a && !MathBinder.IsKnownOperatorName(f)
            && !IsNormalName(f) && f.Name is not ("p" or "q" or "P" or "Q" or "f" or "g" or "h" or "H" or "I" or "D" or "E") && WrittenNormal(r.Operands[0], r.Operands[1], parsed) is null)
        {
            target = f;
            argument = Key(a, parsed);
        }
        // A calligraphic or script capital (𝓛, 𝒥) names a loss or an objective, a number: never a matrix.
        if (target is not Identifier id || id.Style == NameStyle.Bold || IsMatrixLetter(id) && id.Style is not (NameStyle.Calligraphic or NameStyle.Script) || id.Primes != 0) return;
        var formula = r.Operands[1];
        if (formula is Continuation || Contains(formula, n => n is Integral or Expectation or Derivative or Matrix)) return;
        var key = Key(id, parsed);
        if (DimensionLetters.Contains(key) || _shapes.ContainsKey(key) || _scalars.Contains(key) || _definitions.ContainsKey(key) || _conflictingScalars.Contains(key)) return;
        // L(w) = −Σᵢ [yᵢ log p̂ᵢ + …] with p̂ᵢ = σ(wᵀxᵢ) kept: a formula in numbers read through vectors moves with them too.
        // It gives a name its first formula only: a restatement through other names (p̂ᵢ = σ(zᵢ) after p̂ᵢ = σ(wᵀxᵢ)) is not
        // compared as text, so it neither replaces nor conflicts with the formula the name has.
        if (!HasTranspose(formula))
        {
            if (_scalarDefinitions.ContainsKey(key) || !Contains(formula, n => n is Identifier o && Key(o, parsed) != key && _scalarDefinitions.ContainsKey(Key(o, parsed)))) return;
        }
        // w := w + Δw and the like update a name from itself: no definition.
        if (Contains(formula, n => n is Identifier o && Key(o, parsed) == key)) return;
        // y_i = βᵀx_i + ε_i: a model of an observation, with the true parameter and a noise draw. Read through it, a
        // likelihood in y_i optimised or differentiated over β would tie the data to the variable; y_i stays a number.
        if (AddsNoise(formula)) return;
        static string Text(SyntaxNode node, ParseResult parsed) => Regex.Replace(parsed.GetText(node.Span), @"\s+", "");
        if (_scalarDefinitions.TryGetValue(key, out var earlier) && Text(earlier.Formula, earlier.Parsed) != Text(formula, parsed))
        {
            _scalarDefinitions.Remove(key);
            _conflictingScalars.Add(key);
            return;
        }
        // The same formula again keeps the first display: a restatement is then checked against it, not read through itself.
        if (!_scalarDefinitions.ContainsKey(key)) _scalarDefinitions[key] = (formula, parsed);
        if (argument is null) _scalarArguments.Remove(key); else _scalarArguments[key] = argument;
    }

    /// <summary>A top-level term of the formula is a noise letter, alone or subscripted (… + ε_i, … − η).</summary>
    private static bool AddsNoise(SyntaxNode formula) => Unwrap(formula) switch
    {
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => AddsNoise(b.Left) || AddsNoise(b.Right),
        Identifier { Name: var name } => DocumentRun.NoiseLetters.Contains(name),
        _ => false,
    };

    private readonly Dictionary<string, string> _scalarArguments = new(StringComparer.Ordinal);

    /// <summary>The number a chain of equalities is about (𝓛 in 𝓛(w) = … \\ = …), while its rows are observed.</summary>
    private string? _chainTarget;

    /// <summary>The argument of the chain's number (w in 𝓛(w) = …), or null.</summary>
    private string? _chainArgument;

    private readonly Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> _sumForms = new(StringComparer.Ordinal);

    /// <summary>
    /// 𝓛 = −Σ_i […] written in a chain that gives 𝓛 (its last such link: 𝓛(w) = −log ∏ … = −Σ_i … p(x_i) = −Σ_i … σ(wᵀx_i)):
    /// the sum whose term is the loss 𝓛_i of sample i (MatrixReader.PerSampleTerm). Null when no link is a sum.
    /// </summary>
    public (SyntaxNode Formula, ParseResult Parsed)? SumForm(string key) => _sumForms.TryGetValue(key, out var form) ? form : null;

    /// <summary>A formula that is one sum over an index, or its negative (Σ_i […], −Σ_i […]).</summary>
    public static bool IsSumForm(SyntaxNode formula) => Unwrap(formula) switch
    {
        Unary { Operator: UnaryOperator.Negate, Operand: var operand } => Unwrap(operand) is Sum,
        Sum => true,
        _ => false,
    };

    /// <summary>Names whose chain has ended: a later display about the same loss does not give it another sum.</summary>
    private readonly HashSet<string> _closedChains = new(StringComparer.Ordinal);

    private void ObserveSumForms(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Any(o => o is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false })) { _chainTarget = null; return; }
        if (Unwrap(r.Operands[0]) is not Continuation)
        {
            if (_chainTarget is not null && _sumForms.ContainsKey(_chainTarget)) _closedChains.Add(_chainTarget);
            var target = Unwrap(r.Operands[0]) is Call { Callee: Identifier f, Arguments.Count: 1 } ? f : Unwrap(r.Operands[0]) as Identifier;
            _chainArgument = Unwrap(r.Operands[0]) is Call { Arguments: [var a] } && Unwrap(a) is Identifier argument ? Key(argument, parsed) : null;
            // Only a loss or an objective (a calligraphic or script capital): the names PerSampleTerm reads per sample.
            _chainTarget = target is { Style: NameStyle.Calligraphic or NameStyle.Script, Subscript: null } ? Key(target, parsed) : null;
        }
        // The last sum of the chain: a derivation writes its loss out step by step (p(x_i), then σ(wᵀx_i)).
        if (_chainTarget is not { } key || _closedChains.Contains(key)) return;
        foreach (var operand in r.Operands.Skip(1))
            if (IsSumForm(operand))
            {
                _sumForms[key] = (operand, parsed);
                // 𝓛(w) = −log ∏ … = −Σ_i […σ(wᵀx_i)…]: the link in vectors is the loss's formula for the matrix reading too (a
                // first formula without vectors gave it none), unless the name has one, or two, or is a vector or matrix.
                if (HasTranspose(operand) && !_scalarDefinitions.ContainsKey(key) && !_conflictingScalars.Contains(key) && !_shapes.ContainsKey(key) && !_definitions.ContainsKey(key) && !_scalars.Contains(key))
                {
                    _scalarDefinitions[key] = (operand, parsed);
                    if (_chainArgument is null) _scalarArguments.Remove(key); else _scalarArguments[key] = _chainArgument;
                }
            }
    }

    /// <summary>The argument a number was defined with (w in J(w) = …); null for a plain name.</summary>
    public string? ScalarArgument(string key) => _scalarArguments.TryGetValue(key, out var argument) ? argument : null;
}
