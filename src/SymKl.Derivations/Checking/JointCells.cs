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
}
