using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// Runs SadTalker's <c>inference.py</c> (or a wrapper) for one job in a folder of its own. Success means a playable
/// MP4 was written: SadTalker can exit 0 without one.
/// </summary>
public sealed class SadTalkerRunner(
    MediaProbe probe,
    PortraitPreparer portraits,
    IOptions<RenderEngineOptions> options,
    ILogger<SadTalkerRunner> logger
)
{
    /// <summary>Landmark detection's out-of-memory loop is given up after this many of its one-second retries.</summary>
    public const int OutOfMemoryRetries = 5;

    public bool IsInstalled => CommandLine.Split(options.Value.SadTalkerCommand) is [var program, ..] && CommandLine.ProgramExists(program);

    public string Program => CommandLine.Split(options.Value.SadTalkerCommand).FirstOrDefault() ?? "";

    /// <summary>Returns the path of SadTalker's video; throws <see cref="RenderFailedException"/> classified.</summary>
    /// <param name="runDir">A folder for this run only: the portrait, SadTalker's working folder and its results go in it.</param>
    public async Task<string> RunAsync(
        string imagePath,
        string wav16kPath,
        string runDir,
        string? extraArgs,
        CancellationToken cancellationToken
    )
    {
        var settings = options.Value;
        if (!IsInstalled)
            throw new RenderFailedException(SadTalkerFailures.NotInstalled(Program));

        Directory.CreateDirectory(runDir);
        var portrait = await portraits.PrepareAsync(imagePath, runDir, cancellationToken);
        var resultDir = Directory.CreateDirectory(Path.Combine(runDir, "results")).FullName;
        var root = string.IsNullOrWhiteSpace(settings.SadTalkerWorkDir) ? Environment.CurrentDirectory : settings.SadTalkerWorkDir;
        var workingFolder = SadTalkerWorkingFolder.Create(Path.Combine(runDir, "cwd"), root);
        var command = CommandLine.Split(settings.SadTalkerCommand);
        string[] arguments =
        [
            .. command.Skip(1),
            "--driven_audio",
            Path.GetFullPath(wav16kPath),
            "--source_image",
            portrait,
            "--result_dir",
            resultDir,
            .. CommandLine.Split(settings.SadTalkerArgs),
            .. CommandLine.Split(extraArgs),
        ];

        // SadTalker prints on stdout: it must be read (a closed pipe kills a Python program) and its tail kept.
        var stdout = new LineTail();
        var stderr = new LineTail();
        var timeout = TimeSpan.FromSeconds(settings.SadTalkerTimeoutSeconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout);
        var outOfMemoryWarnings = 0;
        void OnStdout(string line)
        {
            stdout.Add(line);
            if (
                line.Contains(SadTalkerFailures.OutOfMemoryLoopWarning, StringComparison.Ordinal)
                && Interlocked.Increment(ref outOfMemoryWarnings) == OutOfMemoryRetries
            )
                stop.Cancel();
        }

        CommandResult result;
        try
        {
            // Forceful cancellation kills the whole process tree (SadTalker's Python workers included).
            result = await Cli.Wrap(command[0])
                .WithArguments(arguments)
                .WithWorkingDirectory(workingFolder)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(OnStdout))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(stderr.Add))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref outOfMemoryWarnings) >= OutOfMemoryRetries)
                throw new RenderFailedException(SadTalkerFailures.StuckOutOfMemory(outOfMemoryWarnings, stdout.Text, stderr.Text));
            throw new RenderFailedException(SadTalkerFailures.TimedOut(timeout, stdout.Text, stderr.Text));
        }

        var video = await FindPlayableVideoAsync(resultDir, cancellationToken);
        logger.LogInformation(
            "SadTalker exited with {ExitCode} after {ElapsedMs} ms; video {Found}",
            result.ExitCode,
            (long)result.RunTime.TotalMilliseconds,
            video is null ? "missing" : "found"
        );
        if (result.ExitCode != 0 || video is null)
            throw new RenderFailedException(SadTalkerFailures.Classify(result.ExitCode, stdout.Text, stderr.Text));
        return video;
    }

    private async Task<string?> FindPlayableVideoAsync(string resultDir, CancellationToken cancellationToken)
    {
        var candidates = new DirectoryInfo(resultDir)
            .EnumerateFiles("*.mp4", SearchOption.AllDirectories)
            .OrderByDescending(f => f.LastWriteTimeUtc);
        foreach (var candidate in candidates)
        {
            if (
                candidate.Length > 0
                && await probe.TryProbeAsync(candidate.FullName, Demuxer.Mp4, cancellationToken) is { Video: not null }
            )
                return candidate.FullName;
        }
        return null;
    }
}
