using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Tables of a conditional law written out (p_{Y|X} = \begin{bmatrix} … \end{bmatrix}, p(y|x) = …): row k is p(y | X = k),
/// so H(Y | X = 0) is the entropy of the first row. The rows are read in the order of X's values only where that order
/// is certain enough: the document writes one table of that law, the events the document writes on X (X = 0, X = 1) are whole numbers from 0 below the number of
/// rows, and include 0; and every row adds up to one. Anything else leaves H(Y | X = k) unread.
/// </summary>
internal sealed partial class DocumentRun
{
    private const int MaxTableEntries = 400;

    /// <summary>Before the walk: the tables the document defines anywhere (the entropy given an event usually follows them).</summary>
    private void FindConditionalTables()
    {
        var events = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var tables = new List<(string Key, string Given, Matrix Table, ParseResult Parsed)>();
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            var text = Expanded(block, out _);
            if (!text.Contains('|') && !text.Contains("\\mid")) continue;
            var parsed = LatexParser.ParseMath(text);
            if (parsed.Root is null) continue;
            foreach (var node in parsed.Root.DescendantsAndSelf())
            {
                switch (node)
                {
                    case Call { Callee: Identifier { Name: "H", Subscript: null }, Arguments: [_, LatexRelation { Operands: [Identifier given, Number { Text: var value }] }] }
                        when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k):
                        {
                            var name = MathBinder.SymbolName(given, parsed);
                            if (!events.TryGetValue(name, out var seen)) events[name] = seen = [];
                            seen.Add(k);
                            break;
                        }
                    case LatexRelation { Operands: [var left, Matrix table], Operators: [{ Kind: RelationKind.Equal or RelationKind.Define, Negated: false }] }
                        when StatementShapes.IsExplicitMatrix(table) && TableNames(left, parsed) is { } names:
                        tables.Add((names.Target + "|" + names.Given, names.Given, table, parsed));
                        break;
                }
            }
        }
        // A document that writes two tables of one conditional law (two channels in turn): which one an entropy means is not certain.
        var once = new HashSet<string>(tables.GroupBy(t => t.Key, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key), StringComparer.Ordinal);
        foreach (var (key, given, table, parsed) in tables)
        {
            if (!once.Contains(key) || table.Rows.Count == 0 || table.Rows.Sum(r => r.Count) > MaxTableEntries) continue;
            if (!events.TryGetValue(given, out var values) || !values.Contains(0) || values.Any(v => v >= table.Rows.Count)) continue;
            var rows = new List<IReadOnlyList<Expr>>();
            foreach (var row in table.Rows)
            {
                var entries = row.Select(cell => MathBinder.Bind(cell, parsed, new ScopeState()).Value).ToList();
                if (entries.Any(e => e is null) || row.Count != table.Rows[0].Count) { rows = null; break; }
                // A row of a conditional law adds up to one; a table that does not is something else.
                if (Ex.Add(entries!) is not Num { Value.IsOne: true }) { rows = null; break; }
                rows.Add(entries!);
            }
            if (rows is not null) _scope.ConditionalTables[key] = rows;
        }
    }

    /// <summary>p_{Y|X}, P_{Y \mid X}, p(y | x), p(Y|X): the names of the variable and of the one it is conditioned on (capitals).</summary>
    private static (string Target, string Given)? TableNames(SyntaxNode left, ParseResult parsed)
    {
        switch (left)
        {
            case Identifier { Name: "p" or "P", Subscript: { } sub, Primes: 0, Accent: null, Decoration: null }:
                {
                    var text = new string(parsed.GetText(sub.Span).Replace("\\mid", "|").Where(c => !char.IsWhiteSpace(c) && c is not '{' and not '}').ToArray());
                    var parts = text.Split('|');
                    return parts.Length == 2 && IsVariableLetter(parts[0]) && IsVariableLetter(parts[1]) ? (parts[0].ToUpperInvariant(), parts[1].ToUpperInvariant()) : null;
                }
            case Call { Callee: Identifier { Name: "p" or "P", Subscript: null, Primes: 0 }, Arguments: [Identifier y, Identifier x], Separators: [{ Text: "|" }] }
                when y.Subscript is null && x.Subscript is null && IsVariableLetter(y.Name) && IsVariableLetter(x.Name):
                return (y.Name.ToUpperInvariant(), x.Name.ToUpperInvariant());
            default:
                return null;
        }

        static bool IsVariableLetter(string s) => s.Length == 1 && char.IsLetter(s[0]);
    }
}
