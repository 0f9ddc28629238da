namespace SymKl.Derivations.Verification;

/// <summary>
/// Joints in which a parameter is independent of what the document writes without it. θ only ever behind a bar
/// (p(y | x, θ)) is a parameter of the model, and p(x) written beside it says that x does not depend on θ:
/// ∫ p(y | x, θ) p(x) dx = p(y | θ) holds only in models where x ⊥ θ. Such a joint is a random linear structural model:
/// each parameter a root, each other variable a linear function of earlier ones plus noise, with no path from θ into
/// the variables that must stay free of it. A mixture of two such normals with the same law of θ keeps every such
/// independence (p(a, θ) = Σ w_k p_k(a) p(θ)) while its conditionals are not linear-Gaussian.
/// </summary>
internal sealed partial class AbstractModel
{
    /// <summary>
    /// A random model like the plain one in which, for each density name with independences, every parameter θ is independent of the variables listed for it
    /// (jointly). Untagged continuous joints only; the others are drawn as usual.
    /// </summary>
    public static AbstractModel Random(IEnumerable<(string Name, IReadOnlyList<string> Variables, string? Tag)> names, bool discrete, Random random, bool mixtures,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, HashSet<string>>> independences)
    {
        var list = names.ToList();
        var model = Random(list, discrete, random, mixtures);
        if (discrete) return model;
        foreach (var (name, variables, tag) in list)
        {
            if (tag is not null || !independences.TryGetValue(name, out var free) || free.Count == 0) continue;
            var roots = free.Keys.Where(variables.Contains).ToDictionary(t => t, _ => (Mean: Uniform(random, -1, 1), Variance: Uniform(random, 0.5, 1.5)), StringComparer.Ordinal);
            var first = Structural(variables, free, roots, random, null);
            model._joints[name] = mixtures
                ? MixtureJoint.Of(Uniform(random, 0.25, 0.75), first, Structural(variables, free, roots, random, variables.Select(v => roots.ContainsKey(v) ? 0 : (random.Next(2) == 0 ? -1 : 1) * Uniform(random, 1, 2)).ToArray()))
                : first;
        }
        return model;
    }

    /// <summary>
    /// A random linear structural model over the variables: the parameters (roots, with the given laws) first, then the
    /// others; an edge u → v only when v depends on every parameter u depends on, θ → v only when v is not listed as free of θ.
    /// </summary>
    private static GaussianJoint Structural(IReadOnlyList<string> variables, IReadOnlyDictionary<string, HashSet<string>> free,
        IReadOnlyDictionary<string, (double Mean, double Variance)> roots, Random random, double[]? offset)
    {
        HashSet<string> DependsOn(string v) => new(roots.Keys.Where(t => !free[t].Contains(v)), StringComparer.Ordinal);
        var others = variables.Where(v => !roots.ContainsKey(v)).OrderBy(v => DependsOn(v).Count).ThenBy(v => v, StringComparer.Ordinal).ToList();
        var order = roots.Keys.OrderBy(t => t, StringComparer.Ordinal).Concat(others).ToArray();
        var k = order.Length;
        var b = new double[k, k];
        var noise = new double[k];
        var intercept = new double[k];
        for (var i = 0; i < k; i++)
        {
            if (roots.TryGetValue(order[i], out var law))
            {
                (intercept[i], noise[i]) = (law.Mean, law.Variance);
                continue;
            }
            var mine = DependsOn(order[i]);
            intercept[i] = Uniform(random, -1, 1);
            noise[i] = Uniform(random, 0.3, 0.8);
            for (var j = 0; j < i; j++)
            {
                var allowed = roots.ContainsKey(order[j]) ? mine.Contains(order[j]) : DependsOn(order[j]).IsSubsetOf(mine);
                if (allowed) b[i, j] = Uniform(random, -0.8, 0.8);
            }
        }
        // X = A ε + mean with A = (I − B)⁻¹ (B strictly lower triangular in this order): Σ = A D Aᵀ.
        var a = new double[k, k];
        var mean = new double[k];
        for (var i = 0; i < k; i++)
        {
            a[i, i] = 1;
            mean[i] = intercept[i];
            for (var j = 0; j < i; j++)
            {
                if (b[i, j] == 0) continue;
                mean[i] += b[i, j] * mean[j];
                for (var c = 0; c <= j; c++) a[i, c] += b[i, j] * a[j, c];
            }
        }
        var cov = new double[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
            {
                var s = 0.0;
                for (var c = 0; c < k; c++) s += a[i, c] * a[j, c] * noise[c];
                cov[i, j] = s;
            }
        if (offset is not null)
            for (var i = 0; i < k; i++) mean[i] += offset[IndexOf(variables, order[i])];
        return GaussianJoint.Of(order, mean, new double[k], cov, null);
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }
}
