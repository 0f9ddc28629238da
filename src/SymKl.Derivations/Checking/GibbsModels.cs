using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A Boltzmann (Gibbs) law the document defines: p(x | β, J) = e^{A(x)} / Z(β, J), where the exponent A depends on the
/// state x only through an energy function E(x, …) that the text leaves open, and Z does not depend on x. Since p is a
/// law, Z is its normaliser Σ_x e^{A(x)} (whatever the text writes for it: Tr e^{−βE}, an integral, nothing).
/// </summary>
internal sealed record GibbsLaw(string Name, Sym State, IReadOnlyList<Expr> Parameters, Expr Exponent, Apply EnergyCall, string Normaliser, int NormaliserArity)
{
    public string Energy => EnergyCall.Name;

    public IReadOnlyList<Expr> EnergyArguments => EnergyCall.Args.Skip(1).ToList();

    /// <summary>The law's parameters that the exponent uses as numbers (β), outside the energy.</summary>
    public IReadOnlyCollection<Sym> Numbers => OutsideEnergy(Exponent, EnergyCall).Where(s => Parameters.Contains(s)).ToList();

    /// <summary>The law read from a definition name(x, params…) = e^{A} / Z(…); null when the formula is not of that form.</summary>
    public static GibbsLaw? Read(Expr left, Expr right)
    {
        if (left is not Apply { Args.Count: >= 1 } named || named.Args[0] is not Sym state) return null;
        var parameters = named.Args.Skip(1).ToList();
        if (parameters.Any(p => p is not Sym || p.Equals(state))) return null;
        Expr? exponent = null;
        string? normaliser = null;
        var arity = 0;
        foreach (var factor in right is Mul m ? (IEnumerable<Expr>)m.Factors : [right])
            switch (factor)
            {
                case Pow { Base: Constant { Which: ConstantKind.E }, Exponent: var a } when exponent is null:
                    exponent = a;
                    break;
                case Pow { Base: Apply z, Exponent: Num { Value: var k } } when k == Rational.MinusOne && normaliser is null && !Traversal.FreeSymbols(z).Contains(state):
                    normaliser = z.Name;
                    arity = z.Args.Count;
                    break;
                case Pow { Base: Sym z, Exponent: Num { Value: var k } } when k == Rational.MinusOne && normaliser is null && !z.Equals(state):
                    normaliser = z.Name;
                    break;
                default:
                    return null;
            }
        if (exponent is null || normaliser is null) return null;
        // The state enters the exponent only as the first argument of one energy function.
        var energies = new List<Apply>();
        Traversal.Any(exponent, x =>
        {
            if (x is Apply a && a.Args.Count >= 1 && a.Args[0].Equals(state)) energies.Add(a);
            return false;
        });
        if (energies.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != 1) return null;
        var energy = energies[0];
        if (energy.Name == named.Name || energy.Name == normaliser || energy.Args.Skip(1).Any(a => a is not Sym || a.Equals(state))) return null;
        if (Traversal.Any(exponent, x => x is Apply a && !a.Equals(energy)) || OutsideEnergy(exponent, energy).Any(s => !parameters.Contains(s))) return null;
        return new GibbsLaw(named.Name, state, parameters, exponent, energy, normaliser, arity);
    }

    /// <summary>The symbols of e outside the applications of the energy function (the numbers of the exponent: β).</summary>
    internal static HashSet<Sym> OutsideEnergy(Expr e, Apply energy)
    {
        var found = new HashSet<Sym>();
        void Walk(Expr x)
        {
            if (x.Equals(energy)) return;
            if (x is Sym s) found.Add(s);
            foreach (var c in x.Children) Walk(c);
        }
        Walk(e);
        return found;
    }

    public string Describe() => Name + "(" + State.Name + ") = e^{" + LatexPrinter.Print(Exponent) + "} / " + Normaliser + ", " + Normaliser + " = \\sum_" + State.Name + " e^{" + LatexPrinter.Print(Exponent) + "}";
}

/// <summary>
/// Steps about a Boltzmann law (<see cref="GibbsLaw"/>) and other laws over the same states: ⟨f⟩_p, ⟨f⟩_q, the entropy
/// H_q = ⟨−log q⟩_q (when the text defines H_p so), log Z, the free energies built from them. Decided in random
/// finite-state models: 2 to 4 states, a random energy for each, random values for the numbers of the exponent (β > 0)
/// and a random law for each other law the step takes an expectation under. The identities between these quantities
/// (H_p = β⟨E⟩_p + log Z, KL(q‖p) = β⟨E⟩_q − H_q + log Z) are the same for finitely many states as for a continuum, so an
/// equation that fails in such a model fails for the text's system; inequalities (H ≥ 0 holds for finitely many states
/// only) are left to the other checks.
/// </summary>
internal static class GibbsModels
{
    private const int Models = 12;
    private const double AgreeTolerance = 1e-9;
    private const double RefuteTolerance = 1e-6;

    /// <summary>True when the expression is E_L[−log L] (L = the law's name, bare or applied to one variable): H_L's definition.</summary>
    public static bool IsEntropyOfScope(Expr right, string law)
    {
        var terms = OpaqueTerms.In(right);
        if (terms.Count != 1 || terms[0].Term is not { Kind: OpaqueKind.Expectation } term || LawName(term.Scope) != law) return false;
        if (term.Body is not Fn { Function: FunctionKind.Log, Arg: var inner } || !IsLaw(inner, law)) return false;
        return Ex.Add(right, terms[0].Symbol).IsZero;
    }

    private static bool IsLaw(Expr e, string law) => e is Sym s && Canonical(s.Name) == law || e is Apply { Args.Count: 1 } a && Canonical(a.Name) == law && a.Args[0] is Sym;

    /// <summary>
    /// The law an expectation's scope names: "q" for q, q(Z), \pi; empty for anything else (x \sim q, q_z(z) q_\theta(\theta),
    /// p(x | z)), which is left to the other checks rather than read as one law.
    /// </summary>
    internal static string LawName(string scope)
    {
        var match = ScopeName.Match(scope);
        return match.Success ? Canonical(match.Groups["name"].Value) : string.Empty;
    }

    private static readonly System.Text.RegularExpressions.Regex ScopeName = new(@"^\s*(?<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*(?:\(\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*\))?\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A law's name as LaTeX or as a symbol (\pi, {q}, pi): one spelling, so the same law is never read as two.</summary>
    internal static string Canonical(string name) => new(name.Where(c => c is not ('\\' or '{' or '}') && !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The entropy symbol's law: "q" for H_q, H_{q}; null for any other name.</summary>
    internal static string? EntropyLaw(Sym s, string letter)
    {
        if (!s.Name.StartsWith(letter + "_", StringComparison.Ordinal)) return null;
        var rest = Canonical(s.Name.Substring(letter.Length + 1));
        return rest.Length > 0 && rest.All(char.IsLetter) ? rest : null;
    }

    /// <summary>An equation of the sides decided in random finite-state models; null when the step is not about the law, or not only about it.</summary>
    public static Verdict? Decide(Expr lhs, Relation relation, Expr rhs, GibbsLaw law, string? entropyLetter, Func<string, bool> isDefined, bool mayRefute, int seed)
    {
        if (relation != Relation.Equal) return null;
        var model = new Reading(law, entropyLetter, isDefined);
        if (!model.Reads(lhs) || !model.Reads(rhs) || !model.MentionsLaw) return null;
        // H_n is the entropy of a law only beside an expectation under that law (or of the Boltzmann law itself).
        if (model.EntropyLaws.Any(l => l != Canonical(law.Name) && !model.ScopedLaws.Contains(l))) return null;
        // \pi as a law's name is read as the number π: such a step is about a number the text did not mean.
        if ((Canonical(law.Name) == "pi" || model.OtherLaws.Contains("pi")) && (Traversal.Any(lhs, IsPi) || Traversal.Any(rhs, IsPi))) return null;
        var random = new Random(seed ^ 0x61BB5);
        int agreed = 0;
        (string Model, Counterexample Values)? failure = null;
        for (var m = 0; m < Models; m++)
        {
            var instance = Instance.Random(law, model.OtherLaws, law.Numbers, random, 2 + m % 3);
            double l, r;
            try
            {
                l = instance.Evaluate(lhs, model);
                r = instance.Evaluate(rhs, model);
            }
            catch (NotEvaluableException)
            {
                return null;
            }
            if (double.IsNaN(l) || double.IsNaN(r) || double.IsInfinity(l) || double.IsInfinity(r)) return null;
            var scale = 1 + Math.Abs(l) + Math.Abs(r);
            if (Math.Abs(l - r) <= AgreeTolerance * scale) agreed++;
            else if (Math.Abs(l - r) > RefuteTolerance * scale) failure ??= (instance.Describe(law), new Counterexample(instance.Values(law), l, r));
            else return null;
        }
        var states = "random finite-state models of " + law.Describe() + " (2 to 4 states, a random energy " + law.Energy + " for each"
            + (model.OtherLaws.Count > 0 ? ", a random law " + string.Join(", ", model.OtherLaws) : "") + ")";
        if (failure is { } f)
        {
            if (!mayRefute || agreed > 0) return null;
            return new Verdict(VerdictKind.Refuted, "the two sides differ in " + states + "; one of them: " + f.Model, null, f.Values, Models);
        }
        return new Verdict(VerdictKind.Confirmed, "it holds in " + Models.ToString(CultureInfo.InvariantCulture) + " " + states + " (not proved symbolically)", null, null, Models);
    }

    private static bool IsPi(Expr e) => e is Constant { Which: ConstantKind.Pi };

    /// <summary>What the sides hold, checked once before any model is drawn.</summary>
    internal sealed class Reading(GibbsLaw law, string? entropyLetter, Func<string, bool> isDefined)
    {
        public GibbsLaw Law => law;
        public string? EntropyLetter => entropyLetter;
        public List<string> OtherLaws { get; } = new();
        public bool MentionsLaw { get; private set; }

        public bool Reads(Expr e) => Outside(e);

        private bool Outside(Expr e)
        {
            switch (e)
            {
                case Num or Constant:
                    return true;
                case Sym s when OpaqueTerms.Find(s) is { } term:
                    {
                        if (term.Kind != OpaqueKind.Expectation) return false;
                        var name = LawName(term.Scope);
                        if (name.Length == 0 || !Admits(name)) return false;
                        ScopedLaws.Add(name);
                        return Inside(term.Body);
                    }
                case Sym s when s.Name == law.Normaliser:
                    MentionsLaw = true;
                    return true;
                case Sym s when entropyLetter is not null && EntropyLaw(s, entropyLetter) is { } of:
                    MentionsLaw = true;
                    EntropyLaws.Add(of);
                    return Admits(of);
                case Sym s when s.Equals(law.State) || Canonical(s.Name) == Canonical(law.Name):
                    return false;
                case Sym s:
                    return Number(s);
                case Apply a when a.Name == law.Normaliser:
                    MentionsLaw = true;
                    return a.Args.All(x => x is Sym);
                case Apply:
                    return false;
                case Add or Mul or Pow or Fn:
                    return e.Children.All(Outside);
                default:
                    return false;
            }
        }

        /// <summary>Inside an expectation: the law's density, its energy and other laws at the state, and numbers.</summary>
        private bool Inside(Expr e)
        {
            switch (e)
            {
                case Num or Constant:
                    return true;
                case Sym s when Canonical(s.Name) == Canonical(law.Name):
                    MentionsLaw = true;
                    return true;
                case Sym s when OtherLaws.Contains(Canonical(s.Name)):
                    return true;
                case Sym s when OpaqueTerms.Find(s) is not null:
                    // An expectation inside an expectation: not read.
                    return false;
                case Sym s when s.Name == law.Normaliser:
                    return Outside(s);
                case Sym s:
                    return Number(s);
                case Apply a when Canonical(a.Name) == Canonical(law.Name):
                    MentionsLaw = true;
                    return a.Args.Count == law.Parameters.Count + 1 && AtState(a.Args[0]) && a.Args.Skip(1).SequenceEqual(law.Parameters);
                case Apply a when a.Name == law.Energy:
                    MentionsLaw = true;
                    return a.Args.Count == law.EnergyArguments.Count + 1 && AtState(a.Args[0]) && a.Args.Skip(1).SequenceEqual(law.EnergyArguments);
                case Apply a when OtherLaws.Contains(Canonical(a.Name)):
                    return a.Args.Count == 1 && AtState(a.Args[0]);
                case Apply a when a.Name == law.Normaliser:
                    return Outside(a);
                case Add or Mul or Pow or Fn:
                    return e.Children.All(Inside);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The variable the expectations average over: one in the whole step, up to case (a random X and its value x are
        /// the same state); U(y) beside U(s) may be the energy at a fixed point, so such a step is not read.
        /// </summary>
        private Sym? _state;

        private bool AtState(Expr argument)
        {
            if (argument is not Sym s || law.Parameters.Contains(s) || law.EnergyArguments.Contains(s)) return false;
            _state ??= s;
            return string.Equals(_state.Name, s.Name, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The laws whose entropy the sides name, and those they take expectations under.</summary>
        public HashSet<string> EntropyLaws { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ScopedLaws { get; } = new(StringComparer.Ordinal);

        private bool Admits(string name)
        {
            if (name == Canonical(law.Name)) return MentionsLaw = true;
            if (name == Canonical(law.Energy) || name == Canonical(law.Normaliser) || name == Canonical(law.State.Name) || law.Parameters.Any(p => Canonical(((Sym)p).Name) == name)) return false;
            // A law the text gives a formula is not one to draw at random.
            if (isDefined(name)) return false;
            if (!OtherLaws.Contains(name)) OtherLaws.Add(name);
            return true;
        }

        /// <summary>A number: one of the exponent's (β); the state, the energy's own arguments (J) and other names are not.</summary>
        private bool Number(Sym s)
        {
            return law.Numbers.Contains(s);
        }
    }

    /// <summary>One random model: the energies, the numbers, the other laws.</summary>
    private sealed class Instance
    {
        private readonly double[] _energy;
        private readonly Dictionary<Sym, double> _numbers;
        private readonly Dictionary<string, double[]> _laws;
        private readonly double[] _gibbs;
        private readonly double _z;

        private Instance(double[] energy, Dictionary<Sym, double> numbers, Dictionary<string, double[]> laws, GibbsLaw law)
        {
            _energy = energy;
            _numbers = numbers;
            _laws = laws;
            var weights = new double[energy.Length];
            for (var s = 0; s < energy.Length; s++)
                weights[s] = Math.Exp(new NumericEvaluator(x => x.Equals(law.State) ? double.NaN : numbers.TryGetValue(x, out var v) ? v : double.NaN,
                    x => x is Apply a && a.Name == law.Energy ? new Approx(energy[s], 0) : throw new NotEvaluableException("not the energy")).Evaluate(law.Exponent).Value);
            _z = weights.Sum();
            _gibbs = weights.Select(w => w / _z).ToArray();
        }

        public static Instance Random(GibbsLaw law, IReadOnlyList<string> others, IEnumerable<Sym> numbers, Random random, int states)
        {
            var energy = Enumerable.Range(0, states).Select(_ => Math.Round(-2 + 4 * random.NextDouble(), 3)).ToArray();
            var values = numbers.ToDictionary(x => x, _ => Math.Round(0.3 + 2 * random.NextDouble(), 3));
            var laws = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var name in others)
            {
                var w = Enumerable.Range(0, states).Select(_ => 0.1 + random.NextDouble()).ToArray();
                laws[name] = w.Select(x => Math.Round(x / w.Sum(), 4)).ToArray();
                laws[name][^1] = 1 - laws[name].Take(states - 1).Sum();
            }
            return new Instance(energy, values, laws, law);
        }

        private double[] LawOf(string name, GibbsLaw law) => name == Canonical(law.Name) ? _gibbs : _laws[name];

        public double Evaluate(Expr e, Reading reading)
        {
            var law = reading.Law;
            double Value(Sym s)
            {
                if (OpaqueTerms.Find(s) is { } term)
                {
                    var weights = LawOf(LawName(term.Scope), law);
                    var total = 0.0;
                    for (var k = 0; k < weights.Length; k++)
                        if (weights[k] > 0) total += weights[k] * AtState(term.Body, k, reading);
                    return total;
                }
                if (s.Name == law.Normaliser) return _z;
                if (reading.EntropyLetter is { } letter && EntropyLaw(s, letter) is { } of) return -LawOf(of, law).Where(w => w > 0).Sum(w => w * Math.Log(w));
                return _numbers.TryGetValue(s, out var v) ? v : throw new NotEvaluableException("not a number of the model");
            }
            return new NumericEvaluator(Value, x => x is Apply a && a.Name == law.Normaliser ? new Approx(_z, 0) : throw new NotEvaluableException("outside the model")).Evaluate(e).Value;
        }

        private double AtState(Expr e, int state, Reading reading)
        {
            var law = reading.Law;
            double Value(Sym s)
            {
                if (Canonical(s.Name) == Canonical(law.Name)) return _gibbs[state];
                if (_laws.TryGetValue(Canonical(s.Name), out var q)) return q[state];
                return Evaluate(s, reading);
            }
            Approx Opaque(Expr x) => x switch
            {
                Apply a when Canonical(a.Name) == Canonical(law.Name) => new(_gibbs[state], 0),
                Apply a when a.Name == law.Energy => new(_energy[state], 0),
                Apply a when _laws.TryGetValue(Canonical(a.Name), out var q) => new(q[state], 0),
                Apply a when a.Name == law.Normaliser => new(_z, 0),
                _ => throw new NotEvaluableException("outside the model"),
            };
            return new NumericEvaluator(Value, Opaque).Evaluate(e).Value;
        }

        public string Describe(GibbsLaw law)
        {
            static string List(IEnumerable<double> v) => "(" + string.Join(", ", v.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture))) + ")";
            var parts = new List<string> { _energy.Length.ToString(CultureInfo.InvariantCulture) + " states, " + law.Energy + " = " + List(_energy) };
            parts.AddRange(_numbers.OrderBy(n => n.Key.Name, StringComparer.Ordinal).Select(n => n.Key.Name + " = " + n.Value.ToString("0.###", CultureInfo.InvariantCulture)));
            parts.Add(law.Name + " = " + List(_gibbs) + ", " + law.Normaliser + " = " + _z.ToString("0.####", CultureInfo.InvariantCulture));
            parts.AddRange(_laws.Select(q => q.Key + " = " + List(q.Value)));
            return string.Join(", ", parts);
        }

        public IReadOnlyList<KeyValuePair<string, double>> Values(GibbsLaw law)
        {
            var values = new List<KeyValuePair<string, double>>();
            values.AddRange(_numbers.OrderBy(n => n.Key.Name, StringComparer.Ordinal).Select(n => new KeyValuePair<string, double>(n.Key.Name, n.Value)));
            for (var s = 0; s < _energy.Length; s++) values.Add(new(law.Energy + "(" + (s + 1).ToString(CultureInfo.InvariantCulture) + ")", _energy[s]));
            foreach (var q in _laws)
                for (var s = 0; s < q.Value.Length; s++) values.Add(new(q.Key + "(" + (s + 1).ToString(CultureInfo.InvariantCulture) + ")", q.Value[s]));
            return values;
        }
    }
}
