using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "the right probability for $y_n = 0$ and $y_n = 1$", "for $k = 1$ the sum is empty": a number given to a name in
/// running prose right after "for" names a case (one setting of the name), never a constant for the rest of the
/// document. Read as a definition, it would give y_n the value 0 in every later formula.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Records the statement as a case (a remark, not used) when it is one; false otherwise.</summary>
    private bool CaseAfterFor(Operand left, RelationOperator op, Operand right, Cue cue)
    {
        if (_block is not { Kind: MathBlockKind.Inline } || op.Kind != RelationKind.Equal || op.Negated) return false;
        if (cue.Kind != CueKind.Hypothesis || !string.Equals(cue.Text, "for", StringComparison.OrdinalIgnoreCase)) return false;
        if (left.Node is not (Identifier or Subscript) || !IsNumber(right.Node)) return false;
        Unchecked(left, op, right, StatementRole.Remark, "'for' before a name given a number (a case)",
            "not used as a definition: a number given to a name after 'for' names a case, not a value for the rest of the document");
        _caseSentence = true;
        return true;
    }

    /// <summary>True while the sentence being read began a case ("For $d = 1$ with $\Sigma = s^2$: …").</summary>
    private bool _caseSentence;

    /// <summary>Names given a value in such a sentence: values of the case, forgotten when its section ends.</summary>
    private readonly List<string> _caseScoped = new();

    /// <summary>"with $\Sigma = s^2$" after "For $d = 1$": Σ has that value in this case only, until the next heading.</summary>
    private void NoteCaseValue(string name)
    {
        if (_caseSentence && _block is { Kind: MathBlockKind.Inline }) _caseScoped.Add(name);
    }

    private void EndCases()
    {
        foreach (var name in _caseScoped) _scope.ForgetSymbol(name);
        _caseScoped.Clear();
    }

    private static bool IsNumber(SyntaxNode node) => node switch
    {
        Number => true,
        Unary { Operand: var operand } => IsNumber(operand),
        Fraction { Numerator: var n, Denominator: var d } => IsNumber(n) && IsNumber(d),
        _ => false,
    };
}
