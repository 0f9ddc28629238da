using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// x_t = √α_t x_{t−1} + √(1 − α_t) ε_{t−1}, given for a running index t, holds one step back as well:
/// x_{t−1} = √α_{t−1} x_{t−2} + √(1 − α_{t−1}) ε_{t−2}. A link that unrolls the recursion one step writes x_{t−1} so; with
/// it substituted the link is an identity between the draws (also two or three steps back, for a chain that unrolls
/// it row by row). Only ever confirms (a failure may use another noise name).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>x_t = √α_t x_{t−1} + √(1 − α_t) ε_{t−1} as the text wrote it for the chain's x_t, once its law agrees with the chain's kernel.</summary>
    private readonly Dictionary<string, Expr> _recursions = new(StringComparer.Ordinal);

    /// <summary>
    /// "x_t = a x_{t−1} + c ε_{t−1}" for the forward chain q(x_t | x_{t−1}) = 𝒩(x_t; s x_{t−1}, v I): kept as the recursion the
    /// text draws with when a = s and c² = v (one noise drawn from 𝒩(0, I)), so a wrong one is never used. The statement
    /// then holds in distribution given x_{t−1} (the kernel's law); null when it does not apply.
    /// </summary>
    private Verdict? NoteRecursion(Operand left, Operand right)
    {
        if (_chain is not { } chain || !IsChainVariable(left.Node, left.Parsed) || MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } written) return null;
        var name = MathBinder.SymbolName((Latex.Syntax.Identifier)left.Node, left.Parsed);
        var previous = Ex.Sym(chain.Letter + "_" + chain.Index + "-1");
        if (name != chain.Letter + "_" + chain.Index) return null;
        try
        {
            var value = _scope.SubstituteSymbols(written);
            var noises = RandomSymbols(value).Where(IsDrawnNoise).Select(Ex.Sym).ToList();
            if (noises.Count != 1 || Traversal.FreeSymbols(value).Any(v => v != previous && v != noises[0] && RandomSymbols(v).Count > 0)) return null;
            var scale = Differentiator.Derivative(value, previous);
            var spread = Differentiator.Derivative(value, noises[0]);
            if (Traversal.FreeSymbols(scale).Concat(Traversal.FreeSymbols(spread)).Any(v => v == previous || v == noises[0])) return null;
            if (!StepChecker.Check(Ex.Add(Ex.Mul(scale, previous), Ex.Mul(spread, noises[0])), Symbolic.Relation.Equal, value, _scope.Assumptions, _scope.Context, options.Seed).Holds) return null;
            // √α_t for the kernel's √(1 − β_t), α_t never given a value: agreed under the diffusion convention (confirm only).
            var mean = CheckDerived(scale, Resolved(chain.Scale));
            var variance = CheckDerived(Ex.Pow(spread, Ex.Two), Resolved(chain.Variance));
            if (!mean.Holds || !variance.Holds) return null;
            _recursions[name] = value;
            return new Verdict(mean.Kind == VerdictKind.Proved && variance.Kind == VerdictKind.Proved ? VerdictKind.Proved : VerdictKind.Confirmed,
                "equal in distribution given " + previous.Name + ": the forward chain's kernel " + chain.Density + "(" + name + " | " + previous.Name + ") has mean " + LatexPrinter.Print(Resolved(chain.Scale)) + " " + previous.Name
                + " and variance " + LatexPrinter.Print(Resolved(chain.Variance)) + " (times I), and with " + noises[0].Name + " standard normal the other side has them", null, null, Math.Max(mean.PointsChecked, variance.PointsChecked));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return null; }
    }

    /// <summary>How many steps back a link may unroll the recursion (x_{t−1}, x_{t−2}, x_{t−3}).</summary>
    private const int MaxRecursionSteps = 3;

    /// <summary>
    /// The step's sides with the recursion of some x_t substituted for x_{t−s} (s = 1 … 3: a chain that unrolls it once
    /// more on each row writes x_{t−2} = √α_{t−2} x_{t−3} + …), when they then agree; null otherwise.
    /// </summary>
    private Verdict? ShiftedRecursion(Expr lhs, Expr rhs)
    {
        foreach (var definition in _scope.SymbolDefinitions().Concat(_recursions))
        {
            var (name, value) = (definition.Key, definition.Value);
            if (IndexedSums.Split(name) is not { } parts || parts.Key.Length != 1 || !char.IsLower(parts.Key[0])) continue;
            var letter = parts.Key;
            if (!Traversal.FreeSymbols(value).Contains(Ex.Sym(parts.Base + "_" + letter + "-1"))) continue;
            var shifted = value;
            var renamed = new List<(Sym From, Sym To)>();
            for (var steps = 1; steps <= MaxRecursionSteps; steps++)
            {
                if (Shifted(shifted, letter) is not { } back) break;
                shifted = back.Value;
                renamed.AddRange(back.Renamed);
                var at = steps == 1 ? letter + "-1" : letter + "-" + steps.ToString(CultureInfo.InvariantCulture);
                var previous = Ex.Sym(parts.Base + "_" + at);
                var map = new Dictionary<Sym, Expr> { [previous] = shifted };
                var (l, r) = (Traversal.Substitute(lhs, map), Traversal.Substitute(rhs, map));
                if (l.Equals(lhs) && r.Equals(rhs)) continue;
                var saved = _scope.Assumptions;
                try
                {
                    // α_{t−1} lies where α_t does: the same law one step back.
                    foreach (var pair in renamed)
                        if (saved.DomainOf(pair.From) is var domain && domain != Domain.Real) _scope.AssumeDomain(pair.To.Name, domain);
                    // α_{t−2} where α_{t−1} (itself renamed from α_t) is known: the domain carried along.
                    foreach (var pair in renamed)
                        if (_scope.Assumptions.DomainOf(pair.From) is var carried && carried != Domain.Real) _scope.AssumeDomain(pair.To.Name, carried);
                    var verdict = StepChecker.Check(l, Symbolic.Relation.Equal, r, _scope.Assumptions, _scope.Context, options.Seed);
                    if (verdict.Holds)
                        return verdict with { Reason = "with " + previous.Name + " = " + LatexPrinter.Print(shifted) + " (the recursion for " + name + " " + (steps == 1 ? "one step" : steps.ToString(CultureInfo.InvariantCulture) + " steps")
                            + " back, at " + letter + " − " + steps.ToString(CultureInfo.InvariantCulture) + "): " + verdict.Reason };
                }
                catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { }
                finally { _scope.RestoreAssumptions(saved); }
            }
        }
        return null;
    }

    /// <summary>The value with every name indexed by the running letter moved one step back (α_t → α_{t−1}, x_{t−1} → x_{t−2}), or null.</summary>
    private static (Expr Value, List<(Sym From, Sym To)> Renamed)? Shifted(Expr value, string letter)
    {
        var renamed = new List<(Sym, Sym)>();
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(value))
        {
            if (s.Name == letter) return null;
            if (IndexedSums.Split(s.Name) is not { } p || p.Key.IndexOf(letter, StringComparison.Ordinal) < 0) continue;
            if (Back(p.Key, letter) is not { } key) return null;
            var to = Ex.Sym(p.Base + "_" + key);
            map[s] = to;
            renamed.Add((s, to));
        }
        return map.Count == 0 ? null : (Traversal.Substitute(value, map), renamed);
    }

    /// <summary>"t" → "t-1", "t-1" → "t-2", "t+1" → "t"; null for any other index that mentions the letter.</summary>
    private static string? Back(string key, string letter)
    {
        if (key == letter) return letter + "-1";
        if (key.Length < letter.Length + 2 || !key.StartsWith(letter, StringComparison.Ordinal)) return null;
        var sign = key[letter.Length];
        if (sign is not ('-' or '+') || !int.TryParse(key.Substring(letter.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100) return null;
        var offset = (sign == '-' ? -n : n) - 1;
        return offset == 0 ? letter : letter + (offset < 0 ? "-" : "+") + Math.Abs(offset).ToString(CultureInfo.InvariantCulture);
    }
}
