using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Densities a statement names but nothing defines are instantiated at random for the numeric check. A statement
/// about densities in general is confirmed only when it holds for random normal and random Laplace members alike:
/// the differential entropy is not non-negative for every density, although it is for most Gaussians one draws.
/// </summary>
public class AbstractDensityFamiliesTests
{
    private static VerdictKind Single(string markdown) =>
        Assert.Single(DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps).Verdict.Kind;

    [Theory]
    // Differential entropy can be negative (any density narrower than 1/(2e) in scale): not confirmed.
    [InlineData("For every density $p$,\n\n$$\n-\\int p(x) \\log p(x)\\, dx \\geq 0\n$$\n", VerdictKind.Unsupported)]
    // Expanding a square under an integral holds for every density: confirmed or proved.
    [InlineData("For every density $p$,\n\n$$\n\\int p(x) (x - a)^2\\, dx = \\int p(x) x^2\\, dx - 2a \\int p(x) x\\, dx + a^2\n$$\n", VerdictKind.Proved)]
    public void StatementsAboutDensitiesInGeneral(string markdown, VerdictKind expected)
    {
        var kind = Single(markdown);
        if (expected == VerdictKind.Proved) Assert.True(kind is VerdictKind.Proved or VerdictKind.Confirmed, kind.ToString());
        else Assert.Equal(expected, kind);
    }
}
