namespace SymKl.Analyzers.Tests;

/// <summary>
/// Hand-written C# for derivations of the catalog: right forms (as textbooks and code bases write them: rearranged,
/// with locals, with Math.Pow, in float, with guards) and wrong ones (a dropped ½, swapped σ₁/σ₂, σ for σ², a sign, a
/// missing term). Every method is named Kl; the reference is a plain right form with the same parameter names,
/// which the tests run to check that a counterexample really separates.
/// </summary>
internal static class HandWrittenForms
{
    public static readonly Dictionary<string, string> Reference = new()
    {
        ["normal-normal"] = "double Right(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;",
        ["exponential"] = "double Right(double rate1, double rate2) => Math.Log(rate1 / rate2) + rate2 / rate1 - 1;",
        ["poisson"] = "double Right(double lambda1, double lambda2) => lambda1 * Math.Log(lambda1 / lambda2) - lambda1 + lambda2;",
        ["bernoulli"] = "double Right(double p1, double p2) => p1 * Math.Log(p1 / p2) + (1 - p1) * Math.Log((1 - p1) / (1 - p2));",
        ["half-normal"] = "double Right(double scale1, double scale2) => Math.Log(scale2 / scale1) + scale1 * scale1 / (2 * scale2 * scale2) - 0.5;",
        ["laplace"] = "double Right(double loc1, double scale1, double loc2, double scale2) => Math.Log(scale2 / scale1) + Math.Abs(loc1 - loc2) / scale2 + scale1 / scale2 * Math.Exp(-Math.Abs(loc1 - loc2) / scale1) - 1;",
        ["geometric"] = "double Right(double p1, double p2) => Math.Log(p1 / p2) + (1 - p1) / p1 * Math.Log((1 - p1) / (1 - p2));",
        ["gamma"] = "double Right(double shape1, double rate1, double shape2, double rate2) => (shape1 - shape2) * SpecialFunctions.DiGamma(shape1) - SpecialFunctions.GammaLn(shape1) + SpecialFunctions.GammaLn(shape2) + shape2 * Math.Log(rate1 / rate2) + shape1 * (rate2 - rate1) / rate1;",
        ["uniform-normal"] = "double Right(double low, double high, double mean, double stdDev) => Math.Log(Math.Sqrt(2 * Math.PI) * stdDev / (high - low)) + ((high - low) * (high - low) + 3 * (low + high - 2 * mean) * (low + high - 2 * mean)) / (24 * stdDev * stdDev);",
        ["exponential-normal"] = "double Right(double rate, double mean2, double stdDev2) => Math.Log(rate) - 1 + 0.5 * Math.Log(2 * Math.PI * stdDev2 * stdDev2) + (2 / (rate * rate) - 2 * mean2 / rate + mean2 * mean2) / (2 * stdDev2 * stdDev2);",
        ["binomial"] = "double Right(int trials, double p1, double p2) => trials * (p1 * Math.Log(p1 / p2) + (1 - p1) * Math.Log((1 - p1) / (1 - p2)));",
        ["pareto"] = "double Right(double scale1, double alpha1, double scale2, double alpha2) => alpha2 * Math.Log(scale1 / scale2) - Math.Log(alpha2 / alpha1) + alpha2 / alpha1 - 1;",
        ["diagonal-normal"] = "double Right(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;",
        ["normal-laplace"] = "double Right(double mean, double stdDev, double loc2, double scale2) => Math.Log(2 * scale2 / (Math.Sqrt(2 * Math.PI) * stdDev)) - 0.5 + (stdDev * Math.Sqrt(2 / Math.PI) * Math.Exp(-(mean - loc2) * (mean - loc2) / (2 * stdDev * stdDev)) + (mean - loc2) * SpecialFunctions.Erf((mean - loc2) / (Math.Sqrt(2) * stdDev))) / scale2;",
        ["uniform"] = "double Right(double low1, double high1, double low2, double high2) => Math.Log((high2 - low2) / (high1 - low1));",
    };

    /// <summary>Right forms: (derivation, method). None may draw a diagnostic.</summary>
    public static TheoryData<string, string> Right => new()
    {
        // normal-normal: as written, rearranged, with locals, with Math.Pow, in float, by order, guarded, in variances
        { "normal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) { var d = mu1 - mu2; var r = sigma1 / sigma2; return 0.5 * (r * r + d * d / (sigma2 * sigma2) - 1) - Math.Log(r); }" },
        { "normal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2) - Math.Log(sigma1) + (Math.Pow(sigma1, 2) + Math.Pow(mu1 - mu2, 2)) / (2 * Math.Pow(sigma2, 2)) - 1.0 / 2;" },
        { "normal-normal", "float Kl(float mu1, float sigma1, float mu2, float sigma2) => MathF.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2f * sigma2 * sigma2) - 0.5f;" },
        { "normal-normal", "double Kl(double m1, double s1, double m2, double s2) => -0.5 + Math.Log(s2 / s1) + ((m2 - m1) * (m2 - m1) + s1 * s1) / (2 * s2 * s2);" },
        { "normal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) { if (sigma1 <= 0 || sigma2 <= 0) throw new ArgumentOutOfRangeException(nameof(sigma1)); double v1 = sigma1 * sigma1, v2 = sigma2 * sigma2; double kl = Math.Log(v2 / v1); kl += (v1 + (mu1 - mu2) * (mu1 - mu2)) / v2; kl -= 1; return kl / 2; }" },
        { "normal-normal", "double Kl(double σ1, double σ2, double μ1, double μ2) => Math.Log(σ2 / σ1) + (σ1 * σ1 + (μ1 - μ2) * (μ1 - μ2)) / (2 * σ2 * σ2) - 0.5;" },
        { "normal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => 0.5 * Math.Log(Math.Pow(sigma2 / sigma1, 2)) + (sigma1 * sigma1 + Math.Pow(mu2 - mu1, 2.0)) / (2 * sigma2 * sigma2) - 1d / 2d;" },
        // exponential, poisson, bernoulli, half-normal
        { "exponential", "double Kl(double rate1, double rate2) => Math.Log(rate1) - Math.Log(rate2) + rate2 / rate1 - 1;" },
        { "exponential", "float Kl(float lambda1, float lambda2) { float ratio = lambda2 / lambda1; return ratio - MathF.Log(ratio) - 1f; }" },
        { "poisson", "double Kl(double lambda1, double lambda2) => lambda1 * (Math.Log(lambda1) - Math.Log(lambda2)) - (lambda1 - lambda2);" },
        { "bernoulli", "double Kl(double p1, double p2) { var q1 = 1 - p1; var q2 = 1 - p2; return p1 * Math.Log(p1 / p2) + q1 * Math.Log(q1 / q2); }" },
        { "half-normal", "double Kl(double scale1, double scale2) => Math.Log(scale2 / scale1) + (Math.Pow(scale1 / scale2, 2) - 1) / 2;" },
        // laplace: with Math.Abs, with a conditional for |μ₁ − μ₂|, with Math.Max
        { "laplace", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = Math.Abs(loc1 - loc2); return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = loc1 > loc2 ? loc1 - loc2 : loc2 - loc1; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "double Kl(double loc1, double scale1, double loc2, double scale2) { double d; if (loc1 >= loc2) d = loc1 - loc2; else d = loc2 - loc1; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = Math.Max(loc1, loc2) - Math.Min(loc1, loc2); return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = !(loc1 < loc2) ? loc1 - loc2 : loc2 - loc1; if (loc1 == loc2) d = 0; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        // geometric, gamma (MathNet's special functions), uniform-normal, exponential-normal
        { "geometric", "double Kl(double p1, double p2) => Math.Log(p1 / p2) + (1 / p1 - 1) * (Math.Log(1 - p1) - Math.Log(1 - p2));" },
        { "gamma", "double Kl(double shape1, double rate1, double shape2, double rate2) => (shape1 - shape2) * SpecialFunctions.DiGamma(shape1) - SpecialFunctions.GammaLn(shape1) + SpecialFunctions.GammaLn(shape2) + shape2 * (Math.Log(rate1) - Math.Log(rate2)) + shape1 * (rate2 / rate1 - 1);" },
        { "uniform-normal", "double Kl(double low, double high, double mean, double stdDev) { var w = high - low; var c = (low + high) / 2 - mean; return Math.Log(Math.Sqrt(2 * Math.PI) * stdDev / w) + (w * w / 12 + c * c) / (2 * stdDev * stdDev); }" },
        { "exponential-normal", "double Kl(double rate, double mean2, double stdDev2) { var variance = stdDev2 * stdDev2; return Math.Log(rate) - 1 + Math.Log(2 * Math.PI * variance) / 2 + (2 / (rate * rate) - 2 * mean2 / rate + mean2 * mean2) / (2 * variance); }" },
        // binomial (an int parameter), pareto and uniform with their +∞ guards, a term of the diagonal normal, normal-laplace with erf
        { "binomial", "double Kl(int trials, double p1, double p2) => trials * p1 * Math.Log(p1 / p2) + trials * (1 - p1) * Math.Log((1 - p1) / (1 - p2));" },
        { "pareto", "double Kl(double scale1, double alpha1, double scale2, double alpha2) { if (scale2 > scale1) return double.PositiveInfinity; return alpha2 * Math.Log(scale1 / scale2) - Math.Log(alpha2 / alpha1) + alpha2 / alpha1 - 1; }" },
        { "uniform", "double Kl(double low1, double high1, double low2, double high2) => low2 > low1 || high1 > high2 ? double.PositiveInfinity : Math.Log(high2 - low2) - Math.Log(high1 - low1);" },
        { "diagonal-normal", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-laplace", "double Kl(double mean, double stdDev, double loc2, double scale2) { var d = mean - loc2; return Math.Log(2 * scale2) - Math.Log(Math.Sqrt(2 * Math.PI) * stdDev) - 0.5 + (stdDev * Math.Sqrt(2 / Math.PI) * Math.Exp(-d * d / (2 * stdDev * stdDev)) + d * SpecialFunctions.Erf(d / (Math.Sqrt(2) * stdDev))) / scale2; }" },
    };

    /// <summary>Wrong forms: (derivation, what is wrong, method). Each must draw SKA001 at its name.</summary>
    public static TheoryData<string, string, string> Wrong => new()
    {
        { "normal-normal", "dropped ½ on the fraction", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "dropped −½", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2);" },
        { "normal-normal", "σ₁/σ₂ swapped in the log", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma1 / sigma2) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "σ₁/σ₂ swapped in the fraction", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma2 * sigma2 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma1 * sigma1) - 0.5;" },
        { "normal-normal", "σ for σ²", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "a sign in the mean difference", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 + mu2) * (mu1 + mu2)) / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "missing mean term", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + sigma1 * sigma1 / (2 * sigma2 * sigma2) - 0.5;" },
        { "normal-normal", "dropped ½ in float", "float Kl(float mu1, float sigma1, float mu2, float sigma2) => MathF.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (sigma2 * sigma2) - 0.5f;" },
        { "normal-normal", "Math.Pow of σ₂ to the first power", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (Math.Pow(sigma1, 2) + Math.Pow(mu1 - mu2, 2)) / (2 * Math.Pow(sigma2, 1)) - 0.5;" },
        { "normal-normal", "sign of the log with locals", "double Kl(double mu1, double sigma1, double mu2, double sigma2) { var d = mu1 - mu2; var r = sigma1 / sigma2; return 0.5 * (r * r + d * d / (sigma2 * sigma2) - 1) + Math.Log(r); }" },
        { "normal-normal", "integer division 1 / 2 is 0", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 1 / 2;" },
        { "exponential", "rates swapped in the log", "double Kl(double rate1, double rate2) => Math.Log(rate2 / rate1) + rate2 / rate1 - 1;" },
        { "exponential", "missing −1", "double Kl(double rate1, double rate2) => Math.Log(rate1 / rate2) + rate2 / rate1;" },
        { "poisson", "signs of the rates", "double Kl(double lambda1, double lambda2) => lambda1 * Math.Log(lambda1 / lambda2) + lambda1 - lambda2;" },
        { "bernoulli", "missing second term", "double Kl(double p1, double p2) => p1 * Math.Log(p1 / p2);" },
        { "bernoulli", "1 − p₂ for 1 − p₁ as the weight", "double Kl(double p1, double p2) => p1 * Math.Log(p1 / p2) + (1 - p2) * Math.Log((1 - p1) / (1 - p2));" },
        { "half-normal", "σ for σ²", "double Kl(double scale1, double scale2) => Math.Log(scale2 / scale1) + scale1 / (2 * scale2 * scale2) - 0.5;" },
        { "laplace", "missing |·|", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = loc1 - loc2; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "a negated condition with its branches the wrong way round", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = !(loc1 < loc2) ? loc2 - loc1 : loc1 - loc2; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "laplace", "a conditional with the same branch twice", "double Kl(double loc1, double scale1, double loc2, double scale2) { var d = loc1 > loc2 ? loc1 - loc2 : loc1 - loc2; return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1; }" },
        { "geometric", "p₂ for p₁ in the weight", "double Kl(double p1, double p2) => Math.Log(p1 / p2) + (1 - p1) / p2 * Math.Log((1 - p1) / (1 - p2));" },
        { "gamma", "ψ of the wrong shape", "double Kl(double shape1, double rate1, double shape2, double rate2) => (shape1 - shape2) * SpecialFunctions.DiGamma(shape2) - SpecialFunctions.GammaLn(shape1) + SpecialFunctions.GammaLn(shape2) + shape2 * Math.Log(rate1 / rate2) + shape1 * (rate2 - rate1) / rate1;" },
        { "uniform-normal", "12 for 24", "double Kl(double low, double high, double mean, double stdDev) => Math.Log(Math.Sqrt(2 * Math.PI) * stdDev / (high - low)) + ((high - low) * (high - low) + 3 * (low + high - 2 * mean) * (low + high - 2 * mean)) / (12 * stdDev * stdDev);" },
        { "exponential-normal", "dropped ½ on log 2πσ²", "double Kl(double rate, double mean2, double stdDev2) => Math.Log(rate) - 1 + Math.Log(2 * Math.PI * stdDev2 * stdDev2) + (2 / (rate * rate) - 2 * mean2 / rate + mean2 * mean2) / (2 * stdDev2 * stdDev2);" },
        { "binomial", "missing the factor n", "double Kl(int trials, double p1, double p2) => p1 * Math.Log(p1 / p2) + (1 - p1) * Math.Log((1 - p1) / (1 - p2));" },
        { "pareto", "sign of α₂/α₁, behind a guard", "double Kl(double scale1, double alpha1, double scale2, double alpha2) { if (scale2 > scale1) return double.PositiveInfinity; return alpha2 * Math.Log(scale1 / scale2) - Math.Log(alpha2 / alpha1) - alpha2 / alpha1 - 1; }" },
        { "diagonal-normal", "a term without its −½", "double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2);" },
        { "normal-laplace", "missing the ½ in the log", "double Kl(double mean, double stdDev, double loc2, double scale2) { var d = mean - loc2; return Math.Log(2 * scale2 / (Math.Sqrt(Math.PI) * stdDev)) - 0.5 + (stdDev * Math.Sqrt(2 / Math.PI) * Math.Exp(-d * d / (2 * stdDev * stdDev)) + d * SpecialFunctions.Erf(d / (Math.Sqrt(2) * stdDev))) / scale2; }" },
        { "uniform", "the widths swapped", "double Kl(double low1, double high1, double low2, double high2) => Math.Log((high1 - low1) / (high2 - low2));" },
    };
}
