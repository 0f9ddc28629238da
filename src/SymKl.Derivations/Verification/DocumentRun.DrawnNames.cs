namespace SymKl.Derivations.Verification;

/// <summary>
/// Which names are drawn at random, exactly: the names the document draws with \sim (x_T, ε, ε_{t−1}) and the names
/// the text draws the same way, not every name that shares a letter with one. x_T ∼ 𝒩(0, I) says nothing of x_0 or
/// x_t; ε ∼ 𝒩(0, I) says nothing of ε_θ (a network) or ε̂ (an estimate).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The names the document draws with \sim, whatever the law (ε_{t−1} in "ε_{t−1} ∼ 𝒩(0, I)"); collected by the pre-pass.</summary>
    private readonly HashSet<string> _drawnNames = new(StringComparer.Ordinal);

    /// <summary>
    /// A random name: drawn itself; a state of the document's chain; or of the family of a name drawn at a running index (ε_{t−2}, ε_1 for a drawn
    /// ε_{t−1}, x_j for a drawn x_i: the index is general); or a noise the text draws the same way (<see cref="IsDrawnNoise"/>).
    /// x_0 or x_t for a drawn x_T is not (T is the last index, not a general one).
    /// </summary>
    private bool IsRandomName(string name)
    {
        if (_drawnNames.Contains(name)) return true;
        // The states of a chain the text gives (q(x_t | x_{t−1}) = 𝒩(x_t; …)) are drawn, each from its transition.
        if (_chain is { } chain && SplitIndex(name).Head == chain.Letter) return true;
        if (!_randomBases.Contains(RandomBase(name))) return false;
        var (head, index) = SplitIndex(name);
        if (IsIndex(index) && _drawnNames.Any(d => SplitIndex(d) is var (h, i) && h == head && IsIndex(i) && HasRunningIndex(i))) return true;
        return IsNoiseVariant(name);
    }

    /// <summary>
    /// Standard normal noise as drawn: a name under a letter that names noise, that letter drawn from 𝒩(0, I) only, and the
    /// name drawn itself, of a drawn family (ε_{t−2} for ε_{t−1}), or a noise the text introduces under that letter
    /// (ε̃_t, ε̄: two noises merged into one; ε_2 beside a drawn ε_1): an accent of tilde or bar, or a plain index. Not ε_θ
    /// (a subscript that is no index: the network's parameters), ε̂ (an estimate), nor a name the document defines.
    /// </summary>
    private bool IsDrawnNoise(string name)
    {
        var b = RandomBase(name);
        if (!NoiseLetters.Contains(b) || !_standardNormalBases.Contains(b) || _otherLawBases.Contains(b)) return false;
        return _drawnStandardNormal.Contains(name) || IsNoiseVariant(name);
    }

    private bool IsNoiseVariant(string name)
    {
        var b = RandomBase(name);
        if (!NoiseLetters.Contains(b) || !_standardNormalBases.Contains(b) || _otherLawBases.Contains(b)) return false;
        var (head, index) = SplitIndex(name);
        if (index.Length > 0 && !IsIndex(index) || _scope.DefinesSymbol(name)) return false;
        var accent = head.Replace(b, "").Trim('{', '}', '\\', ' ');
        return accent is "" or "tilde" or "bar" or "widetilde" or "overline";
    }

    /// <summary>"\tilde{epsilon}_t-1" → ("\tilde{epsilon}", "t-1"); superscripts dropped.</summary>
    private static (string Head, string Index) SplitIndex(string name)
    {
        var up = name.IndexOf('^');
        if (up >= 0) name = name.Substring(0, up);
        var cut = name.IndexOf('_');
        return cut < 0 ? (name, "") : (name.Substring(0, cut), name.Substring(cut + 1).Trim('{', '}', ' '));
    }

    /// <summary>An index: digits and one-letter names joined by + and − (t−1, 2, i, T); not θ or φ (parameters).</summary>
    private static bool IsIndex(string index)
    {
        if (index.Length == 0) return false;
        var run = 0;
        foreach (var c in index)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') { if (++run > 1) return false; }
            else if (c is >= '0' and <= '9' || c is '+' or '-' or ',' or ' ') run = 0;
            else return false;
        }
        return true;
    }

    /// <summary>An index with a lowercase letter in it (t−1, i): a general one, unlike T (the last) or 1.</summary>
    private static bool HasRunningIndex(string index) => index.Any(c => c is >= 'a' and <= 'z');
}
