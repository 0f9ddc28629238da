using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "natural parameters: $\boldsymbol{\eta} = \begin{bmatrix} \eta_1 \\ \eta_2 \end{bmatrix} = \begin{bmatrix} \mu/\sigma^2 \\
/// 1/(2\sigma^2) \end{bmatrix}$": a chain that writes a vector of names not used before, then the vector of their formulas,
/// names each entry (and the lone name at its head, when there is one, not used before either). A reader reads a
/// definition; read as a claim it would be refuted for free entries. Only when every entry of the vector of names is a
/// plain name never written before (unsubscripted or numbered: the entries of a vector, not the blocks of a matrix), the formulas are a written-out vector of the same shape that does not use them, and
/// no word draws the chain as a result.
/// </summary>
internal sealed partial class DocumentRun
{
    private bool NamedVectorChain(List<Operand> operands, List<RelationOperator> operators, ParseResult parsed, Cue cue)
    {
        if (operands.Count is not (2 or 3) || _chainContinued || _premises.Count > 0 || options.ClaimsOnly) return false;
        if (cue.Kind is CueKind.Implication or CueKind.Solving) return false;
        if (operators.Any(o => o.Kind != RelationKind.Equal || o.Negated)) return false;
        if (operands.Any(o => o.Parsed != parsed)) return false;
        var names = Matrices.MatrixScope.Unwrap(operands[^2].Node);
        var formulas = Matrices.MatrixScope.Unwrap(operands[^1].Node);
        if (names is not Matrix { Rows.Count: > 0 } named || formulas is not Matrix { Rows.Count: > 0 } valued || named.Rows.Count != valued.Rows.Count) return false;
        // A vector (one column or one row): a block matrix of names is not read here.
        if (named.Rows.Count > 1 && named.Rows.Any(r => r.Count != 1)) return false;
        var entries = new List<(Identifier Name, SyntaxNode Formula)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < named.Rows.Count; i++)
        {
            if (named.Rows[i].Count != valued.Rows[i].Count) return false;
            for (var j = 0; j < named.Rows[i].Count; j++)
            {
                // Entries of a vector, numbered (η₁, η₂) or plain letters; Σ_{ββ} of a block matrix names a block with its own meaning.
                if (named.Rows[i][j] is not Identifier { Primes: 0, Subscript: null or Number } entry) return false;
                var name = MathBinder.SymbolName(entry, parsed);
                if (_scope.HasSeen(name) || _scope.IsDefinedFunction(name) || !seen.Add(name)) return false;
                entries.Add((entry, valued.Rows[i][j]));
            }
        }
        if (entries.Count < 2) return false;
        foreach (var (entry, formula) in entries)
            foreach (var other in entries)
                if (Mentions(formula, other.Name, parsed)) return false;
        string? head = null;
        if (operands.Count == 3)
        {
            if (Matrices.MatrixScope.Unwrap(operands[0].Node) is not Identifier { Primes: 0 } headId) return false;
            head = MathBinder.SymbolName(headId, parsed);
            if (_scope.HasSeen(head) || _scope.IsDefinedFunction(head) || seen.Contains(head)) return false;
        }
        var line = operands[^1].At(operands[^1].Node.Span.Start).Line;
        if (head is not null)
        {
            UnreadableValue(head, line);
            Unchecked(operands[0], operators[0], operands[1], StatementRole.Definition, "a name not used before, set to a vector of names not used before",
                "definition of " + head + " as the vector of its entries; not used as a number");
        }
        foreach (var (entry, formula) in entries)
            if (!TryDefine(entry, formula, parsed, off => ToSource(operands[^1].At(off)), false)) UnreadableValue(MathBinder.SymbolName(entry, parsed), line);
        Unchecked(operands[^2], operators[^1], operands[^1], StatementRole.Definition, "a vector of names not used before, given a vector of formulas",
            "definition of " + string.Join(", ", entries.Select(e => MathBinder.SymbolName(e.Name, parsed))) + ", entry by entry");
        return true;
    }
}
