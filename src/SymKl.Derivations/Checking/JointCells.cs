namespace SymKl.Derivations.Checking;

/// <summary>The cells of a random joint table of discrete variables, numbered in mixed radix (the last variable fastest).</summary>
internal static class JointCells
{
    /// <summary>The values of the variables in cell number <paramref name="cell"/>, given how many values each takes.</summary>
    public static int[] Decode(int cell, int[] states)
    {
        var values = new int[states.Length];
        for (var i = states.Length - 1; i >= 0; i--)
        {
            values[i] = cell % states[i];
            cell /= states[i];
        }
        return values;
    }

    /// <summary>The joint entropy in nats of the variables in <paramref name="subset"/> under the table's probabilities.</summary>
    public static double Entropy(double[] p, int[] states, int[] subset)
    {
        var marginal = new Dictionary<long, double>();
        for (var c = 0; c < p.Length; c++)
        {
            var values = Decode(c, states);
            long key = 0;
            foreach (var i in subset) key = key * 8 + values[i];
            marginal[key] = marginal.TryGetValue(key, out var m) ? m + p[c] : p[c];
        }
        return -marginal.Values.Where(v => v > 0).Sum(v => v * Math.Log(v));
    }
}
