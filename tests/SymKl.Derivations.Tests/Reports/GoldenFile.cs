using System.Runtime.CompilerServices;

namespace SymKl.Derivations.Tests.Reports;

/// <summary>Compares output with a file under Golden/; set SYMKL_UPDATE_GOLDEN=1 to rewrite the files.</summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("SYMKL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), "missing golden file " + name + " (run with SYMKL_UPDATE_GOLDEN=1 to create it)");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }
}
