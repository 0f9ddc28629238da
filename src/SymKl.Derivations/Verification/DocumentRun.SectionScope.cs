using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The scope of definitions, as a careful reader takes it. Sections under headings are read in turn, and a later one
/// builds on what earlier ones set up ("The densities", then "The expectation"), so a name given its meaning in a section
/// keeps it after the section closes (at a heading of the same level or higher), except in two cases that lecture notes
/// and maximum-entropy posts show, where each section reuses p(x), f, Z, λ for something of its own:
/// <list type="bullet">
/// <item>a name the section gave a new meaning (it had one when the section opened: f(x) = x³ "here", in an example)
/// gets back the meaning it had before; the new one was the section's own — except a running product ᾱ_t = ∏ α_s,
/// which every schedule satisfies and which stays in force after a section that gave ᾱ_t a closed form;</item>
/// <item>a name the section gave its first meaning as the result of its derivation (a formula reached by "so", "gives",
/// "hence", or by solving: p(x) = e^{λ₀ − 1}), or a number (μ = 3 in a worked example), is forgotten: the next section
/// that writes p(θ) in its constraint means its own unknown, not the earlier answer.</item>
/// </list>
/// Definitions made before the first heading, or under a higher heading before its subsections, hold on through those
/// subsections. Conditions stated in prose end with their section (<see cref="EnterSection"/>).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>An open section: its heading level and what was defined when it opened.</summary>
    private sealed record SectionFrame(int Level, int Line, string Title, DistributionContext Context, IReadOnlyDictionary<string, Expr> Symbols, int DefinitionCount)
    {
        /// <summary>The section's number (as counted at its heading), to tell whether a definition's section is still open.</summary>
        public int Section { get; init; }

        /// <summary>Names the section gave a value as the result of its derivation, or a number: its own.</summary>
        public HashSet<string> Local { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The cue of the chain being read, for the definitions it makes.</summary>
    private Cue _definingCue = Cue.None;

    /// <summary>Set while a function the text solved for is being defined.</summary>
    private bool _definingSolution;

    /// <summary>Records how a name got its meaning in the innermost open section: as a result or a number (local), or declared.</summary>
    private void NoteSectionDefinition(string name, Expr? value)
    {
        if (_frames.Count == 0) return;
        // "which gives us an expression for p(x) as": a cue word of a result anywhere in the words before it, not only the nearest.
        var local = _definingSolution || _definingCue.Kind is CueKind.Implication or CueKind.Solving || value is Num
            || RoleCues.MentionsResult(_block?.SentenceBefore ?? string.Empty) || RoleCues.MentionsResult(_block?.ProseBefore ?? string.Empty);
        if (local) _frames[^1].Local.Add(name);
        else _frames[^1].Local.Remove(name);
    }

    private readonly List<SectionFrame> _frames = [];

    private readonly List<(int Line, string? Title)> _headingsRead = [];

    /// <summary>Definitions whose section has closed (for --explain: not in force).</summary>
    private readonly HashSet<DefinitionInfo> _closedDefinitions = new(SameInstance.Instance);

    /// <summary>Closes the open sections at <paramref name="level"/> or deeper, then opens one at that level.</summary>
    private void ScopeSection(int level, int line, string title)
    {
        for (var i = _frames.Count - 1; i >= 0 && _frames[i].Level >= level; i--)
        {
            CloseFrame(_frames[i]);
            _frames.RemoveAt(i);
        }
        // EnterSection counts the section right after this: the frame is that section.
        _frames.Add(new SectionFrame(level, line, title, _scope.Context, _scope.SymbolDefinitions(), Definitions.Count) { Section = _section + 1 });
        _headingsRead.Add((line, title));
    }

    /// <summary>Every name whose meaning changed in the section gets back the meaning it had when the section opened.</summary>
    private void CloseFrame(SectionFrame frame)
    {
        var context = _scope.Context;
        foreach (var name in context.Bound.Keys.Concat(context.Defined.Keys).Concat(frame.Context.Bound.Keys).Concat(frame.Context.Defined.Keys).Distinct(StringComparer.Ordinal).ToList())
        {
            var now = (Bound: Get(context.Bound, name), Defined: Get(context.Defined, name));
            var then = (Bound: Get(frame.Context.Bound, name), Defined: Get(frame.Context.Defined, name));
            if (ReferenceEquals(now.Bound, then.Bound) && ReferenceEquals(now.Defined, then.Defined)) continue;
            if (then.Bound is null && then.Defined is null && !frame.Local.Contains(name)) { KeepOpen(frame, name); continue; }
            context = context.Without(name);
            if (then.Bound is not null) context = context.WithDistribution(name, then.Bound);
            if (then.Defined is not null) context = context.WithDefinition(then.Defined);
        }
        _scope.Context = context;
        var symbols = _scope.SymbolDefinitions();
        foreach (var name in symbols.Keys.Concat(frame.Symbols.Keys).Distinct(StringComparer.Ordinal).ToList())
        {
            var then = Get(frame.Symbols, name);
            if (ReferenceEquals(Get(symbols, name), then)) continue;
            if (then is null && !frame.Local.Contains(name)) { KeepOpen(frame, name); continue; }
            // ᾱ_t = ∏_{s≤t} α_s after a section that gave ᾱ_t a closed form (a cosine schedule): the running product holds
            // for every schedule (α_t is then ᾱ_t/ᾱ_{t−1}) and is what the derivations after it use, so it stays in force.
            if (then is not null && _runningProductValues.TryGetValue(name, out var product) && ReferenceEquals(Get(symbols, name), product)) { KeepOpen(frame, name); continue; }
            if (then is null) _scope.Unsee(name);
            else _scope.DefineSymbol(name, then);
        }
        for (var i = frame.DefinitionCount; i < Definitions.Count; i++)
            if (!_keptOpen.Contains(Definitions[i].Name)) _closedDefinitions.Add(Definitions[i]);
        _keptOpen.Clear();
    }

    /// <summary>Names a closing section set up for the sections after it (they stay in force; their section is the enclosing one's).</summary>
    private readonly HashSet<string> _keptOpen = new(StringComparer.Ordinal);

    private void KeepOpen(SectionFrame frame, string name)
    {
        _ = frame;
        _keptOpen.Add(name);
    }

    /// <summary>For --explain: each definition in force, with the line and the section it was made in.</summary>
    private List<string> DefinitionsInForce()
    {
        var list = new List<string>();
        foreach (var group in Definitions.Where(d => !_closedDefinitions.Contains(d)).GroupBy(d => d.Name, StringComparer.Ordinal))
        {
            var d = group.Last();
            if (!_scope.Context.IsKnownFunction(d.Name) && !_scope.DefinesSymbol(d.Name) && !d.Kind.StartsWith("definition (kept", StringComparison.Ordinal)) continue;
            var section = _headingsRead.LastOrDefault(h => h.Line <= d.Position.Line);
            var where = section.Title is null ? "made before the first heading: for the whole document" : "made in section '" + section.Title + "' (line " + section.Line + ")";
            list.Add(d.Name + " = " + d.Latex + " (" + d.Kind + "; line " + d.Position.Line + ", " + where + ")");
        }
        return list;
    }

    private static T? Get<T>(IReadOnlyDictionary<string, T> map, string key) where T : class => map.TryGetValue(key, out var v) ? v : null;

    /// <summary>Definitions compared as instances (two records with the same text made on different lines are different definitions).</summary>
    private sealed class SameInstance : IEqualityComparer<DefinitionInfo>
    {
        public static readonly SameInstance Instance = new();
        public bool Equals(DefinitionInfo? x, DefinitionInfo? y) => ReferenceEquals(x, y);
        public int GetHashCode(DefinitionInfo obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
