namespace SymKl.Derivations.Input;

/// <summary>
/// Expands PATH arguments: a file is taken as given (whatever its extension); a folder is searched recursively
/// for *.md and *.markdown files, skipping bin, obj, .git and node_modules folders and symbolic links to
/// folders (no cycles). Files under one folder are sorted by their path relative to it, compared ordinally
/// with '/' separators, so the order is the same on every system. A file named twice is listed once.
/// A missing path, an unreadable folder and a folder without Markdown are errors.
/// </summary>
public static class DocumentWalker
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules" };
    private static readonly string[] Extensions = [".md", ".markdown"];

    public static WalkResult Expand(IEnumerable<string> paths)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<WalkError>();
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                errors.Add(new WalkError(path ?? string.Empty, "an empty path was given"));
                continue;
            }
            if (File.Exists(path))
            {
                Add(path, files, seen);
                continue;
            }
            if (!Directory.Exists(path))
            {
                errors.Add(new WalkError(path, $"'{path}' does not exist (expected a Markdown file or a folder of them)"));
                continue;
            }
            var found = new List<string>();
            var before = errors.Count;
            Walk(path, found, errors);
            found.Sort((a, b) => string.CompareOrdinal(Key(path, a), Key(path, b)));
            foreach (var f in found) Add(f, files, seen);
            if (found.Count == 0 && errors.Count == before)
                errors.Add(new WalkError(path, $"'{path}' contains no Markdown files (*.md, *.markdown)"));
        }
        return new WalkResult(files, errors);
    }

    private static void Add(string file, List<string> files, HashSet<string> seen)
    {
        string full;
        try { full = Path.GetFullPath(file); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { full = file; }
        if (seen.Add(full)) files.Add(file);
    }

    private static void Walk(string folder, List<string> found, List<WalkError> errors)
    {
        string[] entries;
        string[] folders;
        try
        {
            entries = Directory.GetFiles(folder);
            folders = Directory.GetDirectories(folder);
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add(new WalkError(folder, $"cannot read folder '{folder}': permission denied"));
            return;
        }
        catch (IOException e)
        {
            errors.Add(new WalkError(folder, $"cannot read folder '{folder}': {e.Message}"));
            return;
        }
        foreach (var file in entries)
        {
            var ext = Path.GetExtension(file);
            if (Array.Exists(Extensions, x => x.Equals(ext, StringComparison.OrdinalIgnoreCase))) found.Add(file);
        }
        foreach (var sub in folders)
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub))) continue;
            try
            {
                if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0) continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new WalkError(sub, $"cannot read folder '{sub}': {e.Message}"));
                continue;
            }
            Walk(sub, found, errors);
        }
    }

    // The sort key: the path below the argument folder, with '/' separators.
    private static string Key(string root, string file)
    {
        var rel = file.Length > root.Length && file.StartsWith(root, StringComparison.Ordinal) ? file.Substring(root.Length) : file;
        return rel.Replace('\\', '/').TrimStart('/');
    }
}
