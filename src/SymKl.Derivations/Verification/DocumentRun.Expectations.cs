using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// E(X) with parentheses as the expectation operator. Posts write E(\hat{\mu}) and E\left(\frac{1}{n}\sum_i x_i\right)
/// as often as E[X]; read literally, E(…) is an unknown function E or a symbol E times its argument. A document is
/// read the operator way when its prose speaks of expectations (or expected values) and E never stands for a
/// quantity of its own: no E alone, E_i, \bar{E}, E(x, y) or E = ….
/// </summary>
internal sealed partial class DocumentRun
{
    private void FindExpectationOperator()
    {
        var text = document.Source.Text;
        if (text.IndexOf("expect", StringComparison.OrdinalIgnoreCase) < 0) return;
        var calls = false;
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            var parsed = LatexParser.ParseMath(Expanded(block, out _));
            if (parsed.Root is null) continue;
            var nodes = parsed.Root.DescendantsAndSelf().ToList();
            var callees = new HashSet<int>(nodes.OfType<Call>().Select(c => c.Callee.Span.Start));
            foreach (var node in nodes)
                switch (node)
                {
                    case Call { Callee: Identifier { Name: "E" } callee } call when callee.IsUndecorated || callee.Style == NameStyle.Roman && callee.Subscript is null && callee.Accent is null && callee.Decoration is null && callee.Primes == 0:
                        if (call.Arguments.Count != 1 || call.Separators.Count != 0) return;
                        calls = true;
                        break;
                    // E_i, \bar{E}, E = …, E^2 as a quantity: the letter names something in this document.
                    case Identifier { Name: "E" } id when !callees.Contains(id.Span.Start) || !id.IsUndecorated && id.Style != NameStyle.Roman:
                        return;
                }
        }
        _scope.ExpectationCalls = calls;
    }

    /// <summary>E(…) with one argument, read as an expectation in this document.</summary>
    private bool IsExpectationCall(Call call) =>
        _scope.ExpectationCalls && call.Callee is Identifier { Name: "E", Subscript: null, Primes: 0, Decoration: null, Accent: null } && call.Arguments.Count == 1 && call.Separators.Count == 0;

    /// <summary>
    /// The operands of expectations of unstated law with the document's named values put in (E(\hat{\mu}) with
    /// \hat{\mu} = \frac{1}{n}\sum_i x_i is the expectation of that sum), and linearity applied again.
    /// </summary>
    /// <param name="depth">Expectations inside expectations resolved (bounded: a definition may mention its own expectation).</param>
    private Expr ResolveExpectations(Expr e, int depth = 0)
    {
        if (depth > 3) return e;
        for (var round = 0; round < 4; round++)
        {
            var next = OpaqueTerms.MapExpectations(e, body => ResolveExpectations(_scope.SubstituteSymbols(body), depth + 1));
            if (next.Equals(e)) return e;
            e = next;
        }
        return e;
    }
}
