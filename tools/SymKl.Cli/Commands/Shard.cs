using System.Globalization;
using System.Text;

namespace SymKl.Cli.Commands;

/// <summary>
/// <c>--shard I/N</c>: the I-th (1-based) of N slices of the documents. A file belongs to slice
/// 1 + FNV-1a-64(UTF-8 of its normalised relative path) mod N, so its slice depends only on its own path
/// (relative to the working folder, '/' separators, no leading "./"): the same on every machine and operating
/// system, and unchanged when other files come and go. Every file is in exactly one slice.
/// </summary>
internal readonly record struct Shard(int Index, int Count)
{
    public static bool TryParse(string? text, out Shard shard, out string? error)
    {
        shard = default;
        error = null;
        var parts = text?.Split('/') ?? [];
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            shard = new Shard(index, count);
            return true;
        }
        error = "--shard '" + text + "' is not I/N with 1 <= I <= N (for example 2/4)";
        return false;
    }

    public bool Contains(string normalisedPath) => (int)(Hash(normalisedPath) % (ulong)Count) + 1 == Index;

    /// <summary>The path a file is sharded by: relative to the working folder when below it, '/' separators.</summary>
    public static string Normalise(string displayPath)
    {
        var p = displayPath.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
        return p;
    }

    /// <summary>FNV-1a, 64 bits: fixed by its definition, unlike string.GetHashCode (randomised per process).</summary>
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}
