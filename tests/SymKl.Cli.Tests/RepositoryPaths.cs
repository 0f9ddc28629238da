namespace SymKl.Cli.Tests;

/// <summary>Finds the repository root (the folder with SymKl.sln) and the shared folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Seeds => Path.Combine(Shared, "seeds");

    /// <summary>The seed posts are inputs of these tests: without them a test fails and says where they belong.</summary>
    public static void RequireSeeds() =>
        Assert.True(Directory.Exists(Seeds), "the seed posts are missing: the shared folder (with seeds/) must sit beside the repository, at " + Seeds);

    public static string Data(string name) => Path.Combine(Root, "tests", "data", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SymKl.sln not found above " + AppContext.BaseDirectory);
    }
}
