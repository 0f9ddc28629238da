using System.Text.Json;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>The seed's multivariate generalisation (deriving-kl-divergence.md, line 118) and a multivariate normal document end to end.</summary>
public class SeedMultivariateTests
{
    /// <summary>
    /// Line 118 writes KL(q‖p) = −½ Σ_{d=1}^{D} (1 + log σ² − μ² − σ²): the summand has no index, so as written it is D
    /// copies of one term, while the text means the KL of D-dimensional diagonal Gaussians. It is read as the KL of D
    /// independent coordinates that all have the summand's parameters (μ, σ and the standard normal): then the KL adds
    /// up over the coordinates, the left side is D times the one-dimensional KL, and the line holds — confirmed, with
    /// the SK312 warning that the sum probably ranges over components written without an index (μ_d, σ_d).
    /// </summary>
    [Fact]
    public void Line118IsReadAsTheKlOfIndependentCoordinatesAndConfirmed()
    {
        var path = JsonSteps.Seed("deriving-kl-divergence.md");
        var document = JsonSteps.Document(File.ReadAllText(path), path);
        var step = document.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("line").GetInt32() == 118);
        Assert.Equal("confirmed", step.GetProperty("verdict").GetString());
        Assert.Contains("independent coordinates", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(document.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("line").GetInt32() == 118 && w.GetProperty("message").GetString()!.StartsWith("SK312", StringComparison.Ordinal));
    }

    [Fact]
    public void TheKlOfTwoMultivariateNormalsIsConfirmedAndASwappedTraceRefuted()
    {
        const string markdown = "Let $p = \\mathcal{N}(\\mu_1, \\Sigma_1)$ and $q = \\mathcal{N}(\\mu_2, \\Sigma_2)$ with $\\Sigma_1 \\in \\mathbb{R}^{d \\times d}$.\n\n"
            + "$$\nD_{KL}(p \\| q) = \\frac{1}{2}\\left[\\operatorname{tr}(\\Sigma_2^{-1}\\Sigma_1) + (\\mu_2-\\mu_1)^\\top\\Sigma_2^{-1}(\\mu_2-\\mu_1) - d + \\log\\frac{\\det\\Sigma_2}{\\det\\Sigma_1}\\right]\n$$\n\n"
            + "$$\nD_{KL}(p \\| q) = \\frac{1}{2}\\left[\\operatorname{tr}(\\Sigma_1^{-1}\\Sigma_2) + (\\mu_2-\\mu_1)^\\top\\Sigma_2^{-1}(\\mu_2-\\mu_1) - d + \\log\\frac{\\det\\Sigma_2}{\\det\\Sigma_1}\\right]\n$$\n";
        var steps = JsonSteps.Of(markdown).Where(s => s.GetProperty("role").GetString() is "step" or "claim").ToList();
        Assert.Equal(["confirmed", "refuted"], steps.Select(s => s.GetProperty("verdict").GetString()));
        Assert.Contains(steps[1].GetProperty("counterexample").EnumerateObject(), p => p.Name == "d");
    }
}
