namespace SymKl.Derivations.Markdown;

/// <summary>
/// Conditional clauses in Chinese and Japanese prose, which has no spaces between words: "如果 A，但是 B，则 C" states
/// A and B as conditions and C as their consequence. A marker opens the clause; a consequence marker or the end of the
/// sentence closes it. Only words that mean "if" open it (never 当, which also means "as").
/// </summary>
internal static class CjkClause
{
    private static readonly string[] Openers = ["如果", "假如", "倘若", "要是", "若", "假设", "假定", "もし"];
    private static readonly string[] Consequences = ["则", "那么", "就有", "因此", "所以", "于是", "故", "可得", "ならば", "なら"];
    private static readonly char[] Stops = ['。', '！', '？', '；'];

    /// <summary>The clause state after <paramref name="text"/>, starting from <paramref name="open"/>.</summary>
    public static bool Scan(bool open, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(Stops, text[i]) >= 0) { open = false; continue; }
            if (text[i] < 0x3000) continue;
            if (Consequences.Any(m => string.CompareOrdinal(text, i, m, 0, m.Length) == 0)) open = false;
            // 若干 is "several", not "if".
            else if (Openers.Any(m => string.CompareOrdinal(text, i, m, 0, m.Length) == 0) && !(text[i] == '若' && i + 1 < text.Length && text[i + 1] == '干')) open = true;
        }
        return open;
    }
}
