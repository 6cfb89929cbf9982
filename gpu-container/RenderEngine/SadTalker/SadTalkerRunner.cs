using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// Runs SadTalker's <c>inference.py</c> (or a wrapper) for one job in its own result folder. Success means a
/// playable MP4 was written: SadTalker can exit 0 without one.
/// </summary>
public sealed class SadTalkerRunner(MediaProbe probe, IOptions<RenderEngineOptions> options, ILogger<SadTalkerRunner> logger)
{
    public bool IsInstalled => CommandLine.Split(options.Value.SadTalkerCommand) is [var program, ..] && CommandLine.ProgramExists(program);

    public string Program => CommandLine.Split(options.Value.SadTalkerCommand).FirstOrDefault() ?? "";

    /// <summary>Returns the path of SadTalker's video; throws <see cref="RenderFailedException"/> classified.</summary>
    public async Task<string> RunAsync(string imagePath, string wav16kPath, string resultDir, string? extraArgs, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsInstalled)
            throw new RenderFailedException(SadTalkerFailures.NotInstalled(Program));

        Directory.CreateDirectory(resultDir);
        var command = CommandLine.Split(settings.SadTalkerCommand);
        string[] arguments =
        [
            .. command.Skip(1),
            "--driven_audio", Path.GetFullPath(wav16kPath),
            "--source_image", Path.GetFullPath(imagePath),
            "--result_dir", Path.GetFullPath(resultDir),
            .. CommandLine.Split(settings.SadTalkerArgs),
            .. CommandLine.Split(extraArgs),
        ];

        var stderr = new StringBuilder();
        var timeout = TimeSpan.FromSeconds(settings.SadTalkerTimeoutSeconds);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        CommandResult result;
        try
        {
            // Forceful cancellation kills the whole process tree (SadTalker's Python workers included).
            result = await Cli.Wrap(command[0])
                .WithArguments(arguments)
                .WithWorkingDirectory(string.IsNullOrWhiteSpace(settings.SadTalkerWorkDir) ? Environment.CurrentDirectory : settings.SadTalkerWorkDir)
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RenderFailedException(SadTalkerFailures.TimedOut(timeout, StderrTail.Of(stderr.ToString())));
        }

        var tail = StderrTail.Of(stderr.ToString());
        var video = await FindPlayableVideoAsync(resultDir, cancellationToken);
        logger.LogInformation(
            "SadTalker exited with {ExitCode} after {ElapsedMs} ms; video {Found}",
            result.ExitCode,
            (long)result.RunTime.TotalMilliseconds,
            video is null ? "missing" : "found"
        );
        if (result.ExitCode != 0 || video is null)
            throw new RenderFailedException(SadTalkerFailures.Classify(result.ExitCode, tail));
        return video;
    }

    private async Task<string?> FindPlayableVideoAsync(string resultDir, CancellationToken cancellationToken)
    {
        var candidates = new DirectoryInfo(resultDir)
            .EnumerateFiles("*.mp4", SearchOption.AllDirectories)
            .OrderByDescending(f => f.LastWriteTimeUtc);
        foreach (var candidate in candidates)
        {
            if (candidate.Length > 0 && await probe.TryProbeAsync(candidate.FullName, cancellationToken) is { Video: not null })
                return candidate.FullName;
        }
        return null;
    }
}
