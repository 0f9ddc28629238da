namespace SymKl.Derivations.Verification;

/// <summary>
/// What a math statement does in its document, decided from the math and the prose around it. Only
/// <see cref="Step"/>, <see cref="Claim"/> and <see cref="Implication"/> are checked and can be refuted.
/// </summary>
public enum StatementRole
{
    /// <summary>A link of a derivation chain (display math): an identity in its free symbols.</summary>
    Step,

    /// <summary>Gives a name a meaning (p(x) = …, q \sim 𝒩(…), := , "let", "define", "where n = …"): used, not checked.</summary>
    Definition,

    /// <summary>A condition stated for what follows ("for $t \geq 1$", "assume $\sigma > 0$", "setting … to zero"): assumed, not checked.</summary>
    Hypothesis,

    /// <summary>An equation that follows from the equations before it ("so", "hence", \Rightarrow): checked as E₁ ∧ … ⇒ E₂.</summary>
    Implication,

    /// <summary>A relation stated in prose (inline math) with no cue that makes it anything else: an identity, checked.</summary>
    Claim,

    /// <summary>A relation SymKl does not check or use: a sampling statement, \to, a relation it cannot read as a claim (\propto is checked: a step or claim).</summary>
    Remark,
}

/// <summary>The role names the reports use.</summary>
public static class StatementRoles
{
    public static string Name(StatementRole role) => role switch
    {
        StatementRole.Step => "step",
        StatementRole.Definition => "definition",
        StatementRole.Hypothesis => "hypothesis",
        StatementRole.Implication => "implication",
        StatementRole.Claim => "claim",
        _ => "remark",
    };

    /// <summary>Steps, claims and implications are checked; only they can be refuted.</summary>
    public static bool IsRefutable(StatementRole role) => role is StatementRole.Step or StatementRole.Claim or StatementRole.Implication;
}
