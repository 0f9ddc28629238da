using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Input;

/// <summary>Reads the files a walk found, turning I/O failures into <see cref="WalkError"/>s instead of exceptions.</summary>
public static class DocumentLoader
{
    /// <summary>Reads one file; on failure returns null and a message that names the file and the cause.</summary>
    public static DerivationDocument? TryRead(string path, out WalkError? error)
    {
        error = null;
        try
        {
            return MarkdownReader.ReadFile(path);
        }
        catch (FileNotFoundException)
        {
            error = new WalkError(path, $"cannot read '{path}': the file does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            error = new WalkError(path, $"cannot read '{path}': its folder does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            error = new WalkError(path, $"cannot read '{path}': permission denied");
        }
        catch (IOException e)
        {
            error = new WalkError(path, $"cannot read '{path}': {e.Message}");
        }
        return null;
    }
}
