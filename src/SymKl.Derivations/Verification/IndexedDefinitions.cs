using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// o_j = e^{z_j} / Σ_k e^{z_k} defines o at every index: o_i is e^{z_i} / Σ_k e^{z_k}, o_2 is e^{z_2} / Σ_k e^{z_k}. A
/// member written at another index than the definition's is its formula with the index renamed (bound indices of the
/// formula that clash with the new one renamed first). Only a definition whose index is one letter, whose formula
/// depends on that index and does not use its own letter (no recursion), and the only one of its letter, is used so.
/// </summary>
internal static class IndexedDefinitions
{
    private static readonly string[] FreshLetters = ["k", "l", "m", "r", "s", "t", "u", "v", "q", "a", "b", "c"];

    /// <summary>The members of e's free symbols that a family definition gives a value, with that value; empty when none.</summary>
    public static Dictionary<Sym, Expr> Members(Expr e, IReadOnlyDictionary<Sym, Expr> definitions)
    {
        var map = new Dictionary<Sym, Expr>();
        if (definitions.Count == 0) return map;
        Dictionary<string, (string Key, Expr Body)?>? families = null;
        foreach (var s in Traversal.FreeSymbols(e))
        {
            if (definitions.ContainsKey(s) || IndexedSums.Split(s.Name) is not { } member || !IsIndex(member.Key)) continue;
            families ??= Families(definitions);
            if (!families.TryGetValue(member.Base, out var family) || family is not { } rule || rule.Key == member.Key) continue;
            if (AtIndex(rule.Body, rule.Key, member.Key) is { } value) map[s] = value;
        }
        return map;
    }

    /// <summary>One definition per letter (null when the letter has two, which no renaming may choose between).</summary>
    private static Dictionary<string, (string Key, Expr Body)?> Families(IReadOnlyDictionary<Sym, Expr> definitions)
    {
        var families = new Dictionary<string, (string Key, Expr Body)?>(StringComparer.Ordinal);
        foreach (var kv in definitions)
        {
            if (IndexedSums.Split(kv.Key.Name) is not { } member || member.Key.Length != 1 || !char.IsLetter(member.Key[0])) continue;
            if (!DependsOnIndex(kv.Value, member.Key) || Mentions(kv.Value, member.Base)) continue;
            families[member.Base] = families.ContainsKey(member.Base) ? null : (member.Key, kv.Value);
        }
        return families;
    }

    /// <summary>A single letter, a whole number, or a letter a step away (t+1, t-1): an index a member may be written at.</summary>
    private static bool IsIndex(string key) => key.Length == 1 && char.IsLetter(key[0]) || key.Length is > 0 and <= 3 && key.All(char.IsDigit) || Shifted(key) is not null;

    /// <summary>t+1, i-2: the letter and the signed step.</summary>
    private static (string Letter, int Step)? Shifted(string key) =>
        key.Length is >= 3 and <= 4 && char.IsLetter(key[0]) && key[1] is '+' or '-' && key.Skip(2).All(char.IsDigit)
            ? (key.Substring(0, 1), (key[1] == '-' ? -1 : 1) * int.Parse(key.Substring(2), System.Globalization.CultureInfo.InvariantCulture))
            : null;

    private static bool DependsOnIndex(Expr body, string index) =>
        Traversal.FreeSymbols(body).Any(s => s.Name == index || IndexedSums.Split(s.Name) is { } m && m.Key == index)
        || Traversal.Any(body, n => n is Apply a && IndexedSums.Split(a.Name) is { } m && m.Key == index);

    private static bool Mentions(Expr body, string letter) =>
        Traversal.Any(body, n => n is Sym s && (s.Name == letter || IndexedSums.Split(s.Name)?.Base == letter) || n is Apply a && (a.Name == letter || IndexedSums.Split(a.Name)?.Base == letter));

    /// <summary>The formula at another index: the index renamed, after any bound index of that name is moved to a fresh letter.</summary>
    private static Expr? AtIndex(Expr body, string from, string to)
    {
        var shifted = Shifted(to);
        Expr target = to.All(char.IsDigit) ? Ex.Num(int.Parse(to, System.Globalization.CultureInfo.InvariantCulture))
            : shifted is { } step ? Ex.Add(Ex.Sym(step.Letter), Ex.Num(step.Step)) : Ex.Sym(to);
        // The letter the new index is written in (t in t+1); the family's own letter shifted needs no renaming of bound ones.
        var letter = shifted?.Letter ?? (target is Sym ? to : null);
        if (letter is not null && letter != from)
        {
            // A free use of the new letter would be captured by the renaming (o_j = x_i z_j read at i).
            if (Traversal.FreeSymbols(body).Any(s => s.Name == letter || IndexedSums.Split(s.Name)?.Key == letter)) return null;
            var used = new HashSet<string>(StringComparer.Ordinal);
            Traversal.Any(body, n => { if (n is Sym s) { used.Add(s.Name); if (IndexedSums.Split(s.Name) is { } m) used.Add(m.Key); } return false; });
            if (FreshLetters.FirstOrDefault(l => l != letter && l != from && !used.Contains(l)) is not { } fresh) return null;
            body = MoveBound(body, letter, fresh);
        }
        // e_t = w_t − 3 read at t+1 is w_{t+1} − 3: only a formula that uses the index as the subscript of its names. One that
        // uses its value (ᾱ_t = f(t)/f(0), Σ_{s ≤ t}) would tie the members to a schedule the text may relate otherwise
        // (β_t from ᾱ_t/ᾱ_{t−1}), and a member written a step away itself (w_{t-1}) has no name to move to.
        if (shifted is not null && Traversal.FreeSymbols(body).Any(s => s.Name == from || IndexedSums.Split(s.Name) is { } m && m.Key != from && m.Key.Contains(from, StringComparison.Ordinal)))
            return null;
        return Rename(body, from, target, to);
    }

    /// <summary>Every binder over <paramref name="letter"/> moved to <paramref name="fresh"/> (its members inside too).</summary>
    private static Expr MoveBound(Expr e, string letter, string fresh)
    {
        if (e.Children.Count == 0) return e;
        if (e is BinderNode b && b.Variable.Name == letter)
        {
            var children = e.Children.ToArray();
            children[0] = Rename(MoveBound(children[0], letter, fresh), letter, Ex.Sym(fresh), fresh);
            children[1] = Ex.Sym(fresh);
            return Ex.Rebuild(e, children);
        }
        var moved = e.Children.Select((c, i) => e is BinderNode && i == 1 ? c : MoveBound(c, letter, fresh)).ToArray();
        return moved.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, moved);
    }

    /// <summary>The index <paramref name="from"/> (free) replaced: itself by <paramref name="to"/>, z_from by z_key.</summary>
    private static Expr Rename(Expr e, string from, Expr to, string key)
    {
        switch (e)
        {
            case Sym s when s.Name == from: return to;
            case Sym s when IndexedSums.Split(s.Name) is { } m && m.Key == from: return Ex.Sym(m.Base + "_" + key);
            case Sym: return e;
            case BinderNode b when b.Variable.Name == from:
                {
                    // Shadowed inside: only the limits (and a law) are outside its scope.
                    var children = e.Children.Select((c, i) => i <= 1 ? c : Rename(c, from, to, key)).ToArray();
                    return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
                }
        }
        if (e.Children.Count == 0) return e;
        var renamed = e.Children.Select((c, i) => e is BinderNode && i == 1 ? c : Rename(c, from, to, key)).ToArray();
        if (e is Apply a && IndexedSums.Split(a.Name) is { } am && am.Key == from) return Ex.Apply(am.Base + "_" + key, renamed);
        return renamed.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, renamed);
    }
}
