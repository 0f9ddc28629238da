using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step about the output of a learned network the document never defines (ε_θ(x_t, t), μ_θ(x_t, t), s_θ(x, σ),
/// f_φ(z)): a network is an arbitrary function, so an identity in its outputs holds for every network exactly when it
/// holds for every value of them. Each distinct application becomes a fresh unknown (drawn at random like any other
/// symbol). A confirmation therefore holds for every network. A failure is a counterexample only when each network is
/// applied to a single argument list in the step: two argument lists that differ in writing may still be equal in value
/// (x_t and the expression the text gave it), and then two independent values would be no function at all.
/// Densities written with a parameter (p_θ, q_φ, π_θ) and normalisers (Z_θ) are not networks: they carry the rules of
/// probability, which other parts of SymKl model.
/// </summary>
internal sealed class NetworkOutputs
{
    private readonly Dictionary<Sym, Expr> _back;
    private readonly HashSet<string> _networks;
    private readonly bool _oneArgumentListEach;
    private readonly bool _complete;

    private NetworkOutputs(Dictionary<Sym, Expr> back, HashSet<string> networks, bool oneArgumentListEach, bool complete)
    {
        _back = back;
        _networks = networks;
        _oneArgumentListEach = oneArgumentListEach;
        _complete = complete;
    }

    /// <summary>Marks a refutation made with free network outputs: the undefined network in it is no reason to withhold it.</summary>
    public const string ArbitraryNote = "some network computes these values, since nothing constrains the network";

    /// <summary>The verdict is a refutation whose counterexample chose the outputs of an undefined network.</summary>
    public static bool RefutedWithOutputs(Verdict verdict) => verdict.Kind == VerdictKind.Refuted && verdict.Reason.Contains(ArbitraryNote, StringComparison.Ordinal);

    /// <summary>Base names that denote densities, normalisers or distributions even with a parameter subscript.</summary>
    private static readonly HashSet<string> NotNetworks = new(StringComparer.Ordinal) { "p", "q", "P", "Q", "pi", "Pi", "Z", "N", "mathcal{N}", "r" };

    /// <summary>The function name is a learned network's: a base name with a parameter subscript (θ, φ, ψ).</summary>
    public static bool IsNetwork(string name)
    {
        var plain = Plain(name);
        var m = NetworkNamePattern.Match(plain);
        return m.Success && !NotNetworks.Contains(m.Groups[1].Value);
    }

    /// <summary>The name without font commands, braces and backslashes: \boldsymbol{\epsilon}_\boldsymbol{\theta} → epsilon_theta.</summary>
    private static string Plain(string name)
    {
        var s = FontCommandPattern.Replace(name, "");
        return Regex.Replace(s, @"[{}\\\s]", "");
    }

    private static readonly Regex FontCommandPattern = new(@"\\(?:boldsymbol|mathbf|bm|mathit|mathrm|pmb)(?![A-Za-z])", RegexOptions.CultureInvariant);

    private static readonly Regex NetworkNamePattern = new(@"^([A-Za-z]+|hat[A-Za-z]+|tilde[A-Za-z]+)_(?:theta|phi|psi|vartheta|varphi)$", RegexOptions.CultureInvariant);

    /// <summary>The sides with each network output replaced by a fresh unknown; null when the step applies no network.</summary>
    /// <param name="context">Functions the document defines (μ_θ(x_t, t) = … in terms of ε_θ) or binds to a law are not free.</param>
    public static (NetworkOutputs Outputs, Expr Lhs, Expr Rhs)? Prepare(Expr lhs, Expr rhs, SymKl.Symbolic.Probability.DistributionContext context)
    {
        // The document's own definitions first (μ_θ(x_t, t) written in terms of ε_θ), so that both sides speak of the same outputs.
        lhs = SymKl.Symbolic.Probability.Calculus.ApplyDefinitions(lhs, context);
        rhs = SymKl.Symbolic.Probability.Calculus.ApplyDefinitions(rhs, context);
        var networks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, n =>
            {
                if (n is Apply ap && ap.Args.Count > 0 && IsNetwork(ap.Name) && !context.IsKnownFunction(ap.Name)) networks.Add(ap.Name);
                return false;
            });
        if (networks.Count == 0) return null;
        // A network at a variable an integral or sum runs over is the whole function, not one value: left as it is.
        var (l, r, outputs, complete) = FreshApplications.Replace(lhs, rhs, ap => networks.Contains(ap.Name), "ξ_net");
        if (outputs.Count == 0) return null;
        var oneEach = outputs.Keys.OfType<Apply>().GroupBy(a => a.Name, StringComparer.Ordinal).All(g => g.Count() == 1);
        var back = outputs.ToDictionary(kv => kv.Value, kv => kv.Key);
        return (new NetworkOutputs(back, networks, oneEach, complete), l, r);
    }

    /// <summary>The verdict on the fresh values read back for the step as written.</summary>
    public Verdict Review(Verdict verdict)
    {
        var residue = verdict.Residue is null ? null : Traversal.Substitute(verdict.Residue, _back.ToDictionary(kv => kv.Key, kv => kv.Value));
        var names = string.Join(", ", _networks.OrderBy(n => n, StringComparer.Ordinal));
        switch (verdict.Kind)
        {
            case VerdictKind.Confirmed when _complete:
                return verdict with { Reason = verdict.Reason + " (with the output of the network " + names + " taken as an arbitrary value: it holds whatever the network computes)", Residue = residue };
            case VerdictKind.Confirmed:
                return new Verdict(VerdictKind.Unsupported, "it holds numerically with the outputs of " + names + " as independent values, but the network is also applied inside an integral or sum, where it is a whole function; not shown for every network", residue, null, verdict.PointsChecked);
            case VerdictKind.Refuted when _oneArgumentListEach && _complete:
                return verdict with
                {
                    Reason = verdict.Reason + " (" + Outputs(verdict) + "; " + ArbitraryNote + " " + names + ")",
                    Residue = residue,
                };
            case VerdictKind.Refuted:
                return new Verdict(VerdictKind.Unsupported, "it fails with independent values for the outputs of " + names + " (" + Outputs(verdict)
                    + "), but the network is applied to argument lists that may be equal in value, so those values may belong to no single function; not refuted", residue, null, verdict.PointsChecked);
            default:
                return verdict with { Residue = residue };
        }
    }

    private string Outputs(Verdict verdict) =>
        verdict.Counterexample is { } ce
            ? string.Join(", ", ce.Values.Where(v => _back.Keys.Any(k => k.Name == v.Key)).Select(v => LatexPrinter.Print(_back.First(kv => kv.Key.Name == v.Key).Value) + " = " + v.Value.ToString("G6", CultureInfo.InvariantCulture)))
            : "the network's outputs as free values";
}
