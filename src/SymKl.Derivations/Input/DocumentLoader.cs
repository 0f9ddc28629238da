using System.Runtime.InteropServices;
using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Input;

/// <summary>
/// Reads the files a walk found, turning I/O failures into <see cref="WalkError"/>s instead of exceptions. Only
/// regular files are opened (a FIFO would block the reader forever, a device such as /dev/zero never ends), at
/// most <see cref="MaxBytes"/> bytes are read, and a file with NUL bytes is refused as not text.
/// </summary>
public static class DocumentLoader
{
    /// <summary>The largest document read (16 MiB: a long book of derivations is well under 1 MiB).</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Bytes inspected for NUL when deciding whether a file is text (as git does).</summary>
    private const int BinaryProbe = 8000;

    /// <summary>Reads one file; on failure returns null and a message that names the file and the cause.</summary>
    public static DerivationDocument? TryRead(string path, out WalkError? error)
    {
        var text = TryReadText(path, out error);
        return text is null ? null : MarkdownReader.Parse(text, path);
    }

    /// <summary>The decoded text of a regular text file of at most <see cref="MaxBytes"/> bytes; null and an error otherwise.</summary>
    public static string? TryReadText(string path, out WalkError? error)
    {
        error = null;
        try
        {
            if (Directory.Exists(path))
            {
                error = new WalkError(path, $"cannot read '{path}': it is a folder");
                return null;
            }
            if (FileKinds.Of(path) is { } kind && kind != FileKinds.Regular)
            {
                error = new WalkError(path, $"cannot read '{path}': it is {FileKinds.Describe(kind)}, not a regular file (only regular files are read)");
                return null;
            }
            var bytes = ReadAtMost(path, MaxBytes);
            if (bytes is null)
            {
                error = new WalkError(path, $"cannot read '{path}': it is larger than {MaxBytes >> 20} MiB, the limit for one document");
                return null;
            }
            if (IsBinary(bytes))
            {
                error = new WalkError(path, $"cannot read '{path}': it is not a text file (it contains NUL bytes)");
                return null;
            }
            return MarkdownReader.Decode(bytes);
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
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = new WalkError(path, $"cannot read '{path}': not a valid path");
        }
        return null;
    }

    /// <summary>The file's bytes, or null when it has more than <paramref name="limit"/> (the length is not trusted: devices report 0).</summary>
    private static byte[]? ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > limit) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>A NUL byte near the start, outside UTF-16 (which a byte order mark announces), means not text.</summary>
    internal static bool IsBinary(byte[] bytes)
    {
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)) return false;
        var n = Math.Min(bytes.Length, BinaryProbe);
        for (var i = 0; i < n; i++)
            if (bytes[i] == 0) return true;
        return false;
    }
}

/// <summary>
/// The kind of a file on Linux (the S_IFMT bits of its mode, symbolic links followed), read with statx, whose
/// layout is the same on every architecture. Null elsewhere or when unknown: the reader then relies on the size limit.
/// </summary>
internal static class FileKinds
{
    public const int Regular = 0x8000;
    private const int Fifo = 0x1000, CharacterDevice = 0x2000, Folder = 0x4000, BlockDevice = 0x6000, Socket = 0xC000;

    public static int? Of(string path)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        try
        {
            var buffer = new byte[256];
            // dirfd AT_FDCWD (-100), flags 0 (follow links), mask STATX_TYPE (1); stx_mode is the u16 at offset 28.
            if (Statx(-100, path, 0, 1, buffer) != 0) return null;
            return (buffer[28] | buffer[29] << 8) & 0xF000;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static string Describe(int kind) => kind switch
    {
        Fifo => "a named pipe (FIFO)",
        CharacterDevice => "a character device",
        BlockDevice => "a block device",
        Socket => "a socket",
        Folder => "a folder",
        _ => "a special file",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string path, int flags, uint mask, byte[] buffer);
}
