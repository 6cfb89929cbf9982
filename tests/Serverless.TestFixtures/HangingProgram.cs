namespace Serverless.TestFixtures;

/// <summary>
/// A stand-in for a tool (FFMPEG_CMD, FFPROBE_CMD) that never ends on its own: each run starts a child and waits for
/// it, and both pids are written to a file, so a test can check that the whole process tree was killed.
/// </summary>
public sealed class HangingProgram : IDisposable
{
    private readonly string _dir;

    private HangingProgram(string dir)
    {
        _dir = dir;
        Path = System.IO.Path.Combine(dir, "hang.sh");
        File.WriteAllText(
            Path,
            $"""
            #!/bin/sh
            sleep 1000 &
            echo "$! $$" >> '{PidFile}'
            wait
            """
        );
    }

    public string Path { get; }

    /// <summary>The command string that runs it (for FFMPEG_CMD and the like).</summary>
    public string Command => $"sh {Path}";

    private string PidFile => System.IO.Path.Combine(_dir, "pids");

    public static HangingProgram Create() => new(Directory.CreateTempSubdirectory("hanging-program-").FullName);

    /// <summary>The pids of every run so far and of its child.</summary>
    public IReadOnlyList<int> Pids =>
        File.Exists(PidFile)
            ? [.. File.ReadAllText(PidFile).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)]
            : [];

    /// <summary>The pids still running (a zombie, killed but not yet reaped, is not running).</summary>
    public IReadOnlyList<int> Running => [.. Pids.Where(IsRunning)];

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private bool Ours(int pid)
    {
        try
        {
            var command = File.ReadAllText($"/proc/{pid}/cmdline");
            return command.Contains(Path, StringComparison.Ordinal) || command.StartsWith("sleep\01000", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // Only what this program started: a pid of a run long gone may belong to another process by now.
        foreach (var pid in Running.Where(pid => Ours(pid)))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException) { }
        }
        Directory.Delete(_dir, recursive: true);
    }
}
