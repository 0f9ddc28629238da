using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>Steps about a Boltzmann law the document defines, decided in random finite-state models (<see cref="GibbsModels"/>).</summary>
internal sealed partial class DocumentRun
{
    /// <summary>The document's one Boltzmann law (null when it defines none, or several).</summary>
    private GibbsLaw? _gibbsLaw;

    /// <summary>"H" when the document defines H_p = ⟨−log p⟩_p: then H_q is the entropy of q too, wherever it stands.</summary>
    private string? _entropyLetter;

    /// <summary>
    /// Reads the whole document once, before the walk: the law p(x | β, J) = e^{−βE(x, J)} / Z(β, J) and the entropy's
    /// name are known wherever they are used, also before the line that defines them ("where H_p = … is the entropy").
    /// </summary>
    private void FindGibbsLaws()
    {
        var text = document.Source.Text;
        if (text.IndexOf("exp", StringComparison.Ordinal) < 0 && text.IndexOf("e^", StringComparison.Ordinal) < 0) return;
        var laws = new List<GibbsLaw>();
        // Where the text defines a function (Z(\beta) = \sum_x …): the first block whose relation has it on the left.
        var definedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        // Every name applied to arguments read as a function here: e^{-\beta U(x)} / Z(\beta) has U(x) and Z(β), not products.
        var scope = new FunctionsScope(new ScopeState());
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            var parsed = LatexParser.ParseMath(Expanded(block, out _));
            if (parsed.Root is null) continue;
            foreach (var relation in parsed.Root.DescendantsAndSelf().OfType<LatexRelation>())
                for (var i = 0; i + 1 < relation.Operands.Count && i < relation.Operators.Count; i++)
                {
                    if (relation.Operators[i] is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false }) continue;
                    var left = MathBinder.Bind(relation.Operands[i], parsed, scope).Value;
                    var right = MathBinder.Bind(relation.Operands[i + 1], parsed, scope).Value;
                    if (left is null || right is null) continue;
                    if (i == 0 && left is Apply defined && !definedAt.ContainsKey(defined.Name)) definedAt[defined.Name] = block.Offset;
                    if (GibbsLaw.Read(left, right) is { } law && !laws.Any(l => l.Name == law.Name && l.Exponent.Equals(law.Exponent))) laws.Add(law);
                    if (left is Sym named && named.Name.Length > 2 && named.Name[1] == '_' && char.IsLetter(named.Name[0])
                        && GibbsModels.EntropyLaw(named, named.Name.Substring(0, 1)) is { } of && GibbsModels.IsEntropyOfScope(right, of))
                        _entropyLetter = named.Name.Substring(0, 1);
                }
        }
        _gibbsLaw = laws.Count == 1 ? laws[0] : null;
        if (_gibbsLaw is null) return;
        // The energy and the normaliser are functions of the state and of the parameters wherever the text writes them
        // (Z(\beta), not Z times β): from the start, or after the line that defines them, which stays their definition.
        // Only one argument is ambiguous: E(x, J) and Z(\beta, J) are applications already.
        foreach (var (name, arity) in new[] { (_gibbsLaw.Energy, _gibbsLaw.EnergyCall.Args.Count), (_gibbsLaw.Normaliser, _gibbsLaw.NormaliserArity) })
            if (arity != 1) continue;
            else if (definedAt.TryGetValue(name, out var offset)) _gibbsPending[name] = offset;
            else _scope.MarkDefinedFunction(name);
    }

    /// <summary>The law's functions that the text defines on a line of their own, by the offset of that line's block.</summary>
    private readonly Dictionary<string, int> _gibbsPending = new(StringComparer.Ordinal);

    /// <summary>A scope in which every name written before brackets is a function (only for finding the law).</summary>
    private sealed class FunctionsScope(ScopeState inner) : IBindingScope
    {
        public bool IsDefinedFunction(string name) => true;
        public bool HasSeen(string symbol) => inner.HasSeen(symbol);
        public bool HasDistribution(string symbol) => inner.HasDistribution(symbol);
        public string? DensityVariable(string density) => inner.DensityVariable(density);
        public string? WrittenDensityVariable(string density) => inner.WrittenDensityVariable(density);
        public bool IsDensityVariable(string variable) => inner.IsDensityVariable(variable);
        public SymKl.Latex.Binding.LogBase LogBase => inner.LogBase;
        public bool ExpectationCalls => inner.ExpectationCalls;
        public IReadOnlyList<Expr>? ConditionalRow(string target, string given, int value) => inner.ConditionalRow(target, given, value);
        public IReadOnlyList<Sym>? FunctionParameters(string name) => inner.FunctionParameters(name);
        public Expr Expand(Expr e) => inner.Expand(e);
        public Expr? SymbolValue(string name) => inner.SymbolValue(name);
        public bool IsDependentQuantity(string name) => inner.IsDependentQuantity(name);
    }

    /// <summary>The law's functions whose defining line the walk has passed become functions (before a step's sides are read).</summary>
    private void ReleaseGibbsFunctions()
    {
        if (_gibbsPending.Count == 0 || _block is not { } block) return;
        foreach (var pending in _gibbsPending.Where(p => p.Value < block.Offset).ToList())
        {
            _scope.MarkDefinedFunction(pending.Key);
            _gibbsPending.Remove(pending.Key);
        }
    }

    /// <summary>An equation about the document's Boltzmann law and other laws over its states, with the definitions in force put in.</summary>
    private Verdict? GibbsStep(Expr left, Relation relation, Expr right, StatementRole role, bool refutable)
    {
        if (_gibbsLaw is not { } law || role == StatementRole.Implication) return null;
        // Before its definition a function written with one argument may have been read as a product: not decided here.
        if (_gibbsPending.Count > 0) return null;
        var lhs = ResolveExpectations(_scope.SubstituteSymbols(left));
        var rhs = ResolveExpectations(_scope.SubstituteSymbols(right));
        return GibbsModels.Decide(lhs, relation, rhs, law, _entropyLetter, name => _scope.IsDefinedFunction(name) || _scope.DefinesSymbol(name), refutable, options.Seed);
    }
}
