using System.Reflection;
using System.Text.Json;
using SymKl.Runtime.Divergences;

namespace SymKl.Runtime.Tests;

/// <summary>
/// The runtime is the KL library that applications reference: it may use the base class library and
/// System.Numerics.Tensors, nothing heavier. Plots (ScottPlot, and the native SkiaSharp it pulls), data
/// loaders and the VAE live in SymKl.Vae.
/// </summary>
public sealed class DependencyTests
{
    private static readonly string[] Forbidden = ["ScottPlot", "SkiaSharp", "HarfBuzzSharp", "SymKl.Vae"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void TheRuntimeAssemblyReferencesOnlyTheFrameworkAndTensors()
    {
        var references = typeof(Histograms).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("System.Runtime", references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib",
            $"SymKl.Runtime references {name}"));
    }

    [Fact]
    public void NoPlottingLibraryIsInTheRuntimesDependencyClosure()
    {
        // This test project references SymKl.Runtime and the test framework only, so the libraries of its
        // deps.json are the runtime's transitive dependencies (packages and projects) plus xunit's.
        var depsPath = Path.Combine(AppContext.BaseDirectory, Assembly.GetExecutingAssembly().GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsPath));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        Assert.Contains("SymKl.Runtime", libraries);
        Assert.Contains("System.Numerics.Tensors", libraries);
        Assert.DoesNotContain(libraries, IsForbidden);
    }
}
