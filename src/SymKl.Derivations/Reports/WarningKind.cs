namespace SymKl.Derivations.Reports;

/// <summary>What a report warning is about.</summary>
public enum WarningKind
{
    /// <summary>Damaged input was repaired (<c>rac{</c> read as <c>\frac{</c>); the step was checked as repaired.</summary>
    Repair,

    /// <summary>A claim or a piece of notation that is likely a mistake even if no step is refuted.</summary>
    Suspicious,

    /// <summary>Anything else worth telling.</summary>
    Note,
}
