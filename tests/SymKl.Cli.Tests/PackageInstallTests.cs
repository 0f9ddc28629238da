using System.Diagnostics;
using System.IO.Compression;

namespace SymKl.Cli.Tests;

/// <summary>
/// The packages as users get them: <c>dotnet pack SymKl.sln</c> (of the build under test) into a folder, then
/// SymKl.Runtime into a fresh console project and SymKl.Cli into a tool path, both restored from that folder and
/// the local package cache only (no network), with their own NuGet configuration, package folder and home, all
/// in one temporary folder that is deleted afterwards.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "symkl-pack-" + Guid.NewGuid().ToString("N"));
    private readonly string _feed;

    public PackageInstallTests()
    {
        _feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(_feed);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void PackagesInstallAndRunFromALocalFolder()
    {
        // The packages of the build under test (--no-build: the configuration this test assembly was built in).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Run(RepositoryPaths.Root, "dotnet", "pack", "SymKl.sln", "-c", configuration, "--no-build", "-o", _feed);
        var runtime = Package("SymKl.Runtime");
        var cli = Package("SymKl.Cli");
        Assert.True(File.Exists(Path.ChangeExtension(runtime, ".snupkg")), "no symbols package beside " + runtime);

        using (var zip = ZipFile.OpenRead(runtime))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            foreach (var expected in new[] { "lib/net10.0/SymKl.Runtime.dll", "README.md", "LICENSE", "derivations/normal-normal.md",
                         "analyzers/dotnet/cs/SymKl.Generators.dll", "analyzers/dotnet/cs/SymKl.Derivations.dll", "analyzers/dotnet/cs/SymKl.Latex.dll",
                         "analyzers/dotnet/cs/SymKl.Symbolic.dll", "analyzers/dotnet/cs/Markdig.dll", "analyzers/dotnet/cs/MathNet.Numerics.dll" })
                Assert.Contains(expected, entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
            var nuspec = Nuspec(zip);
            AssertPackageMetadata(nuspec);
            // The generator is a build-time component: never a dependency of the package.
            Assert.DoesNotContain("SymKl.Generators", nuspec, StringComparison.Ordinal);
        }
        // The analyzer and its code fix ship beside the generator.
        using (var zip = ZipFile.OpenRead(runtime))
        {
            Assert.NotNull(zip.GetEntry("analyzers/dotnet/cs/SymKl.Analyzers.dll"));
            Assert.NotNull(zip.GetEntry("analyzers/dotnet/cs/SymKl.Analyzers.CodeFixes.dll"));
        }
        using (var zip = ZipFile.OpenRead(cli))
        {
            Assert.Contains("<packageType name=\"DotnetTool\"", Nuspec(zip), StringComparison.Ordinal);
            AssertPackageMetadata(Nuspec(zip));
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.NotNull(zip.GetEntry("LICENSE"));
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        }

        var config = WriteNuGetConfig();
        ConsoleAppComputesAKlThroughTheGeneratedCode(config);
        ToolRunsAsSymkl(config);
    }

    private void ConsoleAppComputesAKlThroughTheGeneratedCode(string config)
    {
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(Path.Combine(app, "derivations"));
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SymKl.Runtime" Version="{Version("SymKl.Runtime")}" />
                <AdditionalFiles Include="derivations/*.md" />
              </ItemGroup>
            </Project>
            """);
        // The consumer's own derivation: the packed generator verifies it in the consumer's build and emits its method.
        var derivation = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "derivations", "exponential.md"));
        Assert.Contains("method: Exponential\n", derivation.Replace("\r\n", "\n"), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, "derivations", "my-exponential.md"), derivation.Replace("method: Exponential", "method: MyExponential"));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using SymKl.Runtime.Divergences;
            // Through the runtime's generated code, and through the code generated in this very build (in this project's
            // own namespace, beside the runtime's class rather than hiding it).
            var normal = Kl.Divergence(new Normal(0, 1), new Normal(1, 2));
            var generated = SymKl.Runtime.Generated.KlGenerated.NormalNormal(0, 1, 1, 2);
            var exponential = app.Generated.KlGenerated.MyExponential(2.0, 3.0);
            Console.WriteLine(normal.ToString("R", CultureInfo.InvariantCulture) + " " + exponential.ToString("R", CultureInfo.InvariantCulture) + " " + generated.ToString("R", CultureInfo.InvariantCulture));
            """);
        {
            // A hand-written method annotated against normal-normal, with a wrong formula (sign of the log term).
            File.WriteAllText(Path.Combine(app, "Wrong.cs"), """
                static class HandWritten
                {
                    [SymKl.CheckedAgainst("normal-normal")]
                    public static double NormalNormal(double mu1, double sigma1, double mu2, double sigma2) =>
                        System.Math.Log(sigma1 / sigma2) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;
                }
                """);
        }
        var build = Run(app, "dotnet", "build", "-c", "Release", "--configfile", config);
        Assert.Contains("SKA001", build, StringComparison.Ordinal);
        // The project's generated class and the runtime's are different types (the same name would be CS0436).
        Assert.DoesNotContain("CS0436", build, StringComparison.Ordinal);
        var output = Run(app, "dotnet", "run", "-c", "Release", "--no-build").Trim().Split(' ');
        Assert.Equal(Math.Log(2) + 2.0 / 8 - 0.5, double.Parse(output[0], System.Globalization.CultureInfo.InvariantCulture), 14);
        Assert.Equal(Math.Log(2.0 / 3.0) + 3.0 / 2.0 - 1, double.Parse(output[1], System.Globalization.CultureInfo.InvariantCulture), 14);
        Assert.Equal(Math.Log(2) + 2.0 / 8 - 0.5, double.Parse(output[2], System.Globalization.CultureInfo.InvariantCulture), 14);
    }

    private void ToolRunsAsSymkl(string config)
    {
        var tools = Path.Combine(_root, "tools");
        Run(_root, "dotnet", "tool", "install", "SymKl.Cli", "--tool-path", tools, "--configfile", config, "--version", Version("SymKl.Cli"));
        var symkl = Path.Combine(tools, OperatingSystem.IsWindows() ? "symkl.exe" : "symkl");
        var equal = Run(_root, symkl, "equal", @"\log(ab)", @"\log a + \log b", "--assume", "a > 0", "--assume", "b > 0");
        Assert.Contains("proved", equal, StringComparison.Ordinal);
        var post = Path.Combine(_root, "post.md");
        File.WriteAllText(post, "$$\n(a+b)^2 = a^2 + b^2\n$$\n");
        var (exit, stdout, _) = Start(_root, isolated: true, symkl, "verify", post);
        Assert.Equal(1, exit);
        Assert.Contains("refuted", stdout, StringComparison.Ordinal);
    }

    /// <summary>Only the package folder and the machine's local package cache (which holds what the build under test restored).</summary>
    private string WriteNuGetConfig()
    {
        var (exit, listed, _) = Start(_root, isolated: false, "dotnet", "nuget", "locals", "global-packages", "--list");
        Assert.Equal(0, exit);
        var cache = listed.Trim();
        cache = cache.Substring(cache.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
        var path = Path.Combine(_root, "nuget.config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" /></config>
              <packageSources>
                <clear />
                <add key="symkl" value="{_feed}" />
                <add key="cache" value="{cache}" />
              </packageSources>
            </configuration>
            """);
        return path;
    }

    private string Package(string id)
    {
        var found = Directory.GetFiles(_feed, id + ".*.nupkg").Where(f => !f.EndsWith(".snupkg", StringComparison.Ordinal) && char.IsDigit(Path.GetFileName(f)[id.Length + 1])).ToList();
        return Assert.Single(found);
    }

    private string Version(string id) => Path.GetFileNameWithoutExtension(Package(id)).Substring(id.Length + 1);

    /// <summary>What a package needs to be published and understood: its licence, readme and repository.</summary>
    private static void AssertPackageMetadata(string nuspec)
    {
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<copyright>Copyright (c) The SymKl authors</copyright>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<repository type=\"git\"", nuspec, StringComparison.Ordinal);
    }

    private static string Nuspec(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    private string Run(string folder, string file, params string[] args)
    {
        var (exit, stdout, stderr) = Start(folder, isolated: true, file, args);
        Assert.True(exit == 0, $"{file} {string.Join(" ", args)} exited with {exit}\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>A process, <paramref name="isolated"/> from the user's NuGet and .NET state (its own home and package folder) or not; no telemetry.</summary>
    private (int Exit, string Stdout, string Stderr) Start(string folder, bool isolated, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (isolated)
        {
            psi.Environment["DOTNET_CLI_HOME"] = Path.Combine(_root, "home");
            psi.Environment["NUGET_PACKAGES"] = Path.Combine(_root, "packages");
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["NO_COLOR"] = "1";
        // The build under test runs inside `dotnet test`: its MSBuild settings must not leak into these builds.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            psi.Environment.Remove(key);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException(file + " " + string.Join(" ", args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
