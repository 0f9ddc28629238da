using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Analyzers.Tests;

/// <summary>
/// The catalog embedded in the analyzer is the repository's derivations/ folder, every derivation in it verifies, and
/// every closed form written out as C# is accepted while the same code with a term added or a factor changed is not.
/// </summary>
public class CatalogTests
{
    private static List<string> Folder() => Directory.EnumerateFiles(Path.Combine(AnalyzerHarness.Root(), "derivations"), "*.md")
        .Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => n != "README").Order(StringComparer.Ordinal).ToList();

    /// <summary>The derivations a method can be checked against: those that declare a closed form to generate.</summary>
    private static List<string> Generating() => Folder()
        .Where(n => File.ReadAllText(Path.Combine(AnalyzerHarness.Root(), "derivations", n + ".md")).Contains("generate:", StringComparison.Ordinal)).ToList();

    public static TheoryData<string> Names => new(Generating());

    [Fact]
    public void ADerivationWithoutAClosedFormToGenerateIsInTheCatalogButChecksNothing()
    {
        var explanatory = Folder().Except(Generating()).ToList();
        Assert.NotEmpty(explanatory);
        foreach (var name in explanatory)
        {
            var result = DerivationCatalog.Read(DerivationCatalog.Resolve(name, [], default)!);
            Assert.True(result is null || result.Result is null || result.Errors.Count > 0, name + " has no generate: block yet was read as checkable");
        }
    }

    [Fact]
    public void TheCatalogIsTheDerivationsFolder()
    {
        Assert.Equal(Folder(), DerivationCatalog.Names.ToList());
        var source = DerivationCatalog.Resolve("normal-normal", [], default);
        Assert.NotNull(source);
        Assert.Equal(File.ReadAllText(Path.Combine(AnalyzerHarness.Root(), "derivations", "normal-normal.md")), source.Text);
        Assert.Equal(source.Text, DerivationCatalog.Resolve("derivations/normal-normal.md", [], default)?.Text);
        Assert.Null(DerivationCatalog.Resolve("normal", [], default));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryCatalogDerivationIsVerified(string name)
    {
        var result = DerivationCatalog.Read(DerivationCatalog.Resolve(name, [], default)!);
        Assert.NotNull(result);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.NotNull(result.Result);
        Assert.True(result.VerifiedLine > 0);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task TheClosedFormWrittenAsCSharpIsAcceptedAndAChangedOneIsNot(string name)
    {
        var derivation = DerivationCatalog.Read(DerivationCatalog.Resolve(name, [], default)!)!;
        var parameters = string.Join(", ", derivation.Parameters.Select(p => "double " + p.Identifier));
        var names = derivation.Parameters.ToDictionary(p => p.Symbol.Name, p => p.Identifier, StringComparer.Ordinal);
        var body = CSharp(derivation.Result!, names);
        string Method(string id, string expression) =>
            "    [CheckedAgainst(\"" + name + "\")]\n    public static double " + id + "(" + parameters + ") => " + expression + ";\n";
        var source = "using System;\nusing MathNet.Numerics;\nusing SymKl;\n\npublic static class Code\n{\n" +
            Method("Right", body) +
            Method("{|SKA001:PlusHalf|}", body + " + 0.5") +
            Method("{|SKA001:TenPercentMore|}", "1.1 * (" + body + ")") + "}\n";
        await AnalyzerHarness.VerifyAsync(source);
    }

    /// <summary>An expression as C# with exact rational constants (n.0 / d.0) and MathNet's special functions.</summary>
    private static string CSharp(Expr e, IReadOnlyDictionary<string, string> names)
    {
        string Args(Fn f) => string.Join(", ", f.Args.Select(a => CSharp(a, names)));
        switch (e)
        {
            case Num n:
                var num = n.Value.Numerator.ToString(CultureInfo.InvariantCulture) + ".0";
                return n.Value.Denominator.IsOne ? "(" + num + ")" : "(" + num + " / " + n.Value.Denominator.ToString(CultureInfo.InvariantCulture) + ".0)";
            case Constant c:
                return c.Which == ConstantKind.Pi ? "Math.PI" : "Math.E";
            case Sym s:
                return names[s.Name];
            case Add a:
                return "(" + string.Join(" + ", a.Terms.Select(t => CSharp(t, names))) + ")";
            case Mul m:
                return "(" + string.Join(" * ", m.Factors.Select(f => CSharp(f, names))) + ")";
            case Pow { Base: Constant { Which: ConstantKind.E } } exp:
                return "Math.Exp(" + CSharp(exp.Exponent, names) + ")";
            case Pow p:
                return "Math.Pow(" + CSharp(p.Base, names) + ", " + CSharp(p.Exponent, names) + ")";
            case Fn f:
                var function = f.Function switch
                {
                    FunctionKind.Log => "Math.Log",
                    FunctionKind.Abs => "Math.Abs",
                    FunctionKind.Sin => "Math.Sin",
                    FunctionKind.Cos => "Math.Cos",
                    FunctionKind.Tan => "Math.Tan",
                    FunctionKind.Atan => "Math.Atan",
                    FunctionKind.LogGamma => "SpecialFunctions.GammaLn",
                    FunctionKind.Digamma => "SpecialFunctions.DiGamma",
                    FunctionKind.Gamma => "SpecialFunctions.Gamma",
                    FunctionKind.Erf => "SpecialFunctions.Erf",
                    _ => throw new NotSupportedException(f.Function.ToString()),
                };
                return function + "(" + Args(f) + ")";
        }
        throw new NotSupportedException("no C# for " + e.GetType().Name);
    }
}
