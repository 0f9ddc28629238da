using System.Globalization;

namespace SymKl.Derivations.Verification;

/// <summary>
/// One random instance of a document's abstract probability model: for each density name (p, q, P, Q, p_{data} …)
/// one joint law over the variables it is applied to, so that every marginal and conditional of that name is derived
/// from the same joint (p(z | x) p(x) and p(x, z) are one function). Continuous variables get a random multivariate
/// normal joint — a linear-Gaussian model, whose marginals and conditionals are closed forms: p(A | B) = N(A ∪ B) / N(B) —
/// or a random mixture of two such normals, whose conditionals are not normal and whose conditional mean and variance
/// both change with the conditioning value (a q(z | x) with μ(x) and σ²(x)), so a statement that holds only for
/// linear-Gaussian models is not confirmed; discrete variables a random positive joint table over {0, 1, 2}. A density with a parameter tag (p_θ, p(x; θ))
/// has its mean (or table logits) shifted linearly by the tag's value, so it varies with θ.
/// </summary>
internal sealed partial class AbstractModel
{
    /// <summary>The values a discrete variable takes.</summary>
    public static readonly double[] DiscreteSupport = [0, 1, 2];

    private readonly Dictionary<string, Joint> _joints = new(StringComparer.Ordinal);
    private readonly Dictionary<(IReadOnlyList<string>, IReadOnlyList<string>), IReadOnlyList<string>> _unions = new(new PairByReference());

    private sealed class PairByReference : IEqualityComparer<(IReadOnlyList<string>, IReadOnlyList<string>)>
    {
        public bool Equals((IReadOnlyList<string>, IReadOnlyList<string>) x, (IReadOnlyList<string>, IReadOnlyList<string>) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((IReadOnlyList<string>, IReadOnlyList<string>) p) =>
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.Item1) * 31 + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.Item2);
    }

    /// <summary>A list compared by reference (a factor's variables, the same object at every evaluation).</summary>
    private sealed class ListByReference : IEqualityComparer<IReadOnlyList<string>>
    {
        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) => ReferenceEquals(x, y);

        public int GetHashCode(IReadOnlyList<string> list) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(list);
    }

    public bool Discrete { get; }

    private AbstractModel(bool discrete) => Discrete = discrete;

    /// <summary>
    /// A random model over the given names, each with its variables and its parameter tag (or null); continuous joints
    /// are mixtures of two normals when <paramref name="mixtures"/> is set.
    /// </summary>
    public static AbstractModel Random(IEnumerable<(string Name, IReadOnlyList<string> Variables, string? Tag)> names, bool discrete, Random random, bool mixtures = false)
    {
        var model = new AbstractModel(discrete);
        foreach (var (name, variables, tag) in names)
            model._joints[name] = discrete ? DiscreteJoint.Random(variables, tag, random)
                : mixtures ? MixtureJoint.Random(variables, tag, random)
                : GaussianJoint.Random(variables, tag, random);
        return model;
    }

    /// <summary>A model with no joint yet, for joints built from the document's definitions (<see cref="ChainDefinitions"/>).</summary>
    public static AbstractModel Empty() => new(false);

    /// <summary>Adds the joint N(mean + tag·shift, covariance) over the variables (the covariance positive definite).</summary>
    public void Add(string name, IReadOnlyList<string> variables, double[] mean, double[] shift, double[,] covariance, string? tag) =>
        _joints[name] = GaussianJoint.Of(variables, mean, shift, covariance, tag);

    /// <summary>log n(A | B) at the values in env; NaN when a value is missing or outside the support.</summary>
    public double LogDensity(string name, IReadOnlyList<string> variables, IReadOnlyList<string> given, IReadOnlyDictionary<string, double> env)
    {
        if (!_joints.TryGetValue(name, out var joint)) return double.NaN;
        // One list per factor (the same lists come back at every quadrature node), so the marginals' caches hit by reference.
        if (!_unions.TryGetValue((variables, given), out var all)) _unions[(variables, given)] = all = variables.Concat(given).ToList();
        var l = joint.LogMarginal(all, env);
        return given.Count == 0 ? l : l - joint.LogMarginal(given, env);
    }

    /// <summary>The model's parameters, for a reader to reproduce a counterexample.</summary>
    public string Describe() => string.Join("; ", _joints.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Describe(kv.Key)));

    internal static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private abstract class Joint
    {
        public abstract double LogMarginal(IReadOnlyList<string> subset, IReadOnlyDictionary<string, double> env);

        public abstract string Describe(string name);
    }

    /// <summary>N(m + t·v, S) over the variables, S = L Lᵀ + 0.3 I (every conditional variance at least 0.3).</summary>
    private sealed class GaussianJoint : Joint
    {
        private readonly string[] _variables;
        private readonly double[] _mean;
        private readonly double[] _shift;
        private readonly double[,] _cov;
        private readonly string? _tag;
        private readonly Dictionary<string, (int[] Index, double[,] Chol, double LogDet)> _marginals = new(StringComparer.Ordinal);
        private readonly Dictionary<IReadOnlyList<string>, (int[] Index, double[,] Chol, double LogDet)> _byList = new(new ListByReference());

        private GaussianJoint(string[] variables, double[] mean, double[] shift, double[,] cov, string? tag)
            => (_variables, _mean, _shift, _cov, _tag) = (variables, mean, shift, cov, tag);

        public static GaussianJoint Of(IReadOnlyList<string> variables, double[] mean, double[] shift, double[,] cov, string? tag) => new([.. variables], mean, shift, cov, tag);

        public static GaussianJoint Random(IReadOnlyList<string> variables, string? tag, Random random)
        {
            var k = variables.Count;
            var l = new double[k, k];
            for (var i = 0; i < k; i++)
                for (var j = 0; j <= i; j++)
                    l[i, j] = Uniform(random, -0.6, 0.6);
            var cov = new double[k, k];
            for (var i = 0; i < k; i++)
                for (var j = 0; j < k; j++)
                {
                    var s = i == j ? 0.3 : 0.0;
                    for (var m = 0; m < k; m++) s += l[i, m] * l[j, m];
                    cov[i, j] = s;
                }
            var mean = variables.Select(_ => Uniform(random, -1, 1)).ToArray();
            var shift = variables.Select(_ => tag is null ? 0 : Uniform(random, -1, 1)).ToArray();
            return new GaussianJoint([.. variables], mean, shift, cov, tag);
        }

        public override double LogMarginal(IReadOnlyList<string> subset, IReadOnlyDictionary<string, double> env)
        {
            if (subset.Count == 0) return 0;
            if (!_byList.TryGetValue(subset, out var m))
            {
                m = Marginal(subset);
                if (m.Index is null) return double.NaN;
                if (_byList.Count < 256) _byList[subset] = m;
            }
            var t0 = 0.0;
            if (_tag is not null && !env.TryGetValue(_tag, out t0)) return double.NaN;
            var n = m.Index.Length;
            var y = new double[n];
            var quad = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (!env.TryGetValue(subset[i], out var value)) return double.NaN;
                var s = value - _mean[m.Index[i]] - t0 * _shift[m.Index[i]];
                for (var j = 0; j < i; j++) s -= m.Chol[i, j] * y[j];
                y[i] = s / m.Chol[i, i];
                quad += y[i] * y[i];
            }
            return -0.5 * (quad + m.LogDet + n * Math.Log(2 * Math.PI));
        }

        /// <summary>The Cholesky factor and log-determinant of a marginal's covariance; a null index when it has none.</summary>
        private (int[] Index, double[,] Chol, double LogDet) Marginal(IReadOnlyList<string> subset)
        {
            var key = string.Join("\u0001", subset);
            if (_marginals.TryGetValue(key, out var m)) return m;
            var index = subset.Select(v => Array.IndexOf(_variables, v)).ToArray();
            if (index.Any(i => i < 0) || index.Distinct().Count() != index.Length) return (null!, new double[0, 0], 0);
            var k = index.Length;
            var chol = new double[k, k];
            var logDet = 0.0;
            for (var i = 0; i < k; i++)
                for (var j = 0; j <= i; j++)
                {
                    var s = _cov[index[i], index[j]];
                    for (var t = 0; t < j; t++) s -= chol[i, t] * chol[j, t];
                    if (i == j)
                    {
                        if (s <= 0) return (null!, new double[0, 0], 0);
                        chol[i, i] = Math.Sqrt(s);
                        logDet += 2 * Math.Log(chol[i, i]);
                    }
                    else chol[i, j] = s / chol[j, j];
                }
            m = (index, chol, logDet);
            _marginals[key] = m;
            return m;
        }

        /// <summary>The same joint with its mean moved by <paramref name="offset"/>.</summary>
        public GaussianJoint Moved(double[] offset) => new(_variables, _mean.Select((m, i) => m + offset[i]).ToArray(), _shift, _cov, _tag);

        public override string Describe(string name) => name + "(" + Variables + ") = " + Law();

        public string Law()
        {
            var k = _variables.Length;
            var rows = Enumerable.Range(0, k).Select(i => "(" + string.Join(", ", Enumerable.Range(0, k).Select(j => F(_cov[i, j]))) + ")");
            var mean = string.Join(", ", _mean.Select(F));
            var shift = _tag is null ? "" : " + " + _tag + "·(" + string.Join(", ", _shift.Select(F)) + ")";
            return "N(mean (" + mean + ")" + shift + ", covariance (" + string.Join(", ", rows) + "))";
        }

        public string Variables => string.Join(", ", _variables);
    }

    /// <summary>
    /// w N₁ + (1 − w) N₂ over the variables, w in [0.25, 0.75], the second normal's mean moved by 1 to 2 in each
    /// coordinate: every marginal is the mixture of the components' marginals, and a conditional's mean and variance
    /// depend on the conditioning values (heteroscedastic), as a q(z | x) with μ(x) and σ²(x) has.
    /// </summary>
    private sealed class MixtureJoint : Joint
    {
        private readonly double _weight;
        private readonly GaussianJoint _first;
        private readonly GaussianJoint _second;

        private MixtureJoint(double weight, GaussianJoint first, GaussianJoint second) => (_weight, _first, _second) = (weight, first, second);

        public static MixtureJoint Of(double weight, GaussianJoint first, GaussianJoint second) => new(weight, first, second);

        public static MixtureJoint Random(IReadOnlyList<string> variables, string? tag, Random random)
        {
            var weight = Uniform(random, 0.25, 0.75);
            var first = GaussianJoint.Random(variables, tag, random);
            var second = GaussianJoint.Random(variables, tag, random).Moved(variables.Select(_ => (random.Next(2) == 0 ? -1 : 1) * Uniform(random, 1, 2)).ToArray());
            return new MixtureJoint(weight, first, second);
        }

        public override double LogMarginal(IReadOnlyList<string> subset, IReadOnlyDictionary<string, double> env)
        {
            var a = Math.Log(_weight) + _first.LogMarginal(subset, env);
            var b = Math.Log(1 - _weight) + _second.LogMarginal(subset, env);
            if (double.IsNaN(a) || double.IsNaN(b)) return double.NaN;
            var m = Math.Max(a, b);
            return double.IsNegativeInfinity(m) ? m : m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
        }

        public override string Describe(string name) =>
            name + "(" + _first.Variables + ") = " + F(_weight) + "·" + _first.Law() + " + " + F(1 - _weight) + "·" + _second.Law();
    }

    /// <summary>A random positive table over {0, 1, 2}^k (logits uniform in [−1, 1], shifted by t·b for a tag t).</summary>
    private sealed class DiscreteJoint : Joint
    {
        private readonly string[] _variables;
        private readonly double[] _logits;
        private readonly double[] _shift;
        private readonly string? _tag;

        private DiscreteJoint(string[] variables, double[] logits, double[] shift, string? tag)
            => (_variables, _logits, _shift, _tag) = (variables, logits, shift, tag);

        public static DiscreteJoint Random(IReadOnlyList<string> variables, string? tag, Random random)
        {
            var cells = (int)Math.Pow(DiscreteSupport.Length, variables.Count);
            var logits = Enumerable.Range(0, cells).Select(_ => Uniform(random, -1, 1)).ToArray();
            var shift = Enumerable.Range(0, cells).Select(_ => tag is null ? 0 : Uniform(random, -1, 1)).ToArray();
            return new DiscreteJoint([.. variables], logits, shift, tag);
        }

        public override double LogMarginal(IReadOnlyList<string> subset, IReadOnlyDictionary<string, double> env)
        {
            var t = 0.0;
            if (_tag is not null && !env.TryGetValue(_tag, out t)) return double.NaN;
            var fixedAt = new int[_variables.Length];
            for (var i = 0; i < _variables.Length; i++) fixedAt[i] = -1;
            foreach (var v in subset)
            {
                var i = Array.IndexOf(_variables, v);
                if (i < 0 || !env.TryGetValue(v, out var value)) return double.NaN;
                var level = Array.IndexOf(DiscreteSupport, value);
                if (level < 0) return double.NaN;
                fixedAt[i] = level;
            }
            double total = 0, part = 0;
            var b = DiscreteSupport.Length;
            for (var cell = 0; cell < _logits.Length; cell++)
            {
                var w = Math.Exp(_logits[cell] + t * _shift[cell]);
                total += w;
                var c = cell;
                var match = true;
                for (var i = _variables.Length - 1; i >= 0; i--)
                {
                    if (fixedAt[i] >= 0 && c % b != fixedAt[i]) match = false;
                    c /= b;
                }
                if (match) part += w;
            }
            return Math.Log(part / total);
        }

        public override string Describe(string name)
        {
            var t = _tag is null ? "" : " + " + _tag + "·(" + string.Join(", ", _shift.Select(F)) + ")";
            return name + "(" + string.Join(", ", _variables) + ") ∝ exp of logits (" + string.Join(", ", _logits.Select(F)) + ")" + t + " over {0, 1, 2} in row-major order";
        }
    }

    private static double Uniform(Random random, double a, double b) => a + (b - a) * random.NextDouble();
}
