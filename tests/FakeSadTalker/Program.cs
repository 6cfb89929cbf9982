using System.Runtime.InteropServices;

// `fake-sadtalker`: becomes `python3 inference.py ARGS` (the Python fake beside it) in this same process, so callers
// that start it as a .NET program get a real Python process: same pid, stdio, working directory and exit codes.
// FAKE_SADTALKER_PYTHON names the interpreter (default python3, looked up on PATH).
var python = Environment.GetEnvironmentVariable("FAKE_SADTALKER_PYTHON") is { Length: > 0 } p ? p : "python3";
string?[] argv = [python, Path.Combine(AppContext.BaseDirectory, "inference.py"), .. args, null];
Exec.Replace(python, argv);
Console.Error.WriteLine($"fake-sadtalker: cannot run {python} (errno {Marshal.GetLastPInvokeError()})");
return 127;

internal static partial class Exec
{
    /// <summary>execvp(3): returns only when it failed.</summary>
    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVp(string file, nint argv);

    public static void Replace(string file, string?[] argv)
    {
        var pointers = argv.Select(a => a is null ? 0 : Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        var array = Marshal.AllocCoTaskMem(nint.Size * pointers.Length);
        Marshal.Copy(pointers, 0, array, pointers.Length);
        ExecVp(file, array);
    }
}
