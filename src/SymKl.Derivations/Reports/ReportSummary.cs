using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>How many steps got each verdict.</summary>
public sealed record ReportSummary(int Proved, int Confirmed, int Refuted, int Unsupported, int Skipped)
{
    public static readonly ReportSummary Empty = new(0, 0, 0, 0, 0);

    public int Total => Proved + Confirmed + Refuted + Unsupported + Skipped;

    public static ReportSummary Of(IEnumerable<StepReport> steps)
    {
        int p = 0, c = 0, r = 0, u = 0, s = 0;
        foreach (var step in steps)
        {
            switch (step.Verdict)
            {
                case VerdictKind.Proved: p++; break;
                case VerdictKind.Confirmed: c++; break;
                case VerdictKind.Refuted: r++; break;
                case VerdictKind.Unsupported: u++; break;
                default: s++; break;
            }
        }
        return new ReportSummary(p, c, r, u, s);
    }

    public ReportSummary Add(ReportSummary other) => new(
        Proved + other.Proved, Confirmed + other.Confirmed, Refuted + other.Refuted, Unsupported + other.Unsupported, Skipped + other.Skipped);
}
