using CliWrap;
using CliWrap.Buffered;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Processes;

/// <summary>
/// An external tool given as a command string (FFMPEG_CMD, FFPROBE_CMD), run without a shell. Every run is bounded:
/// cancelled, or past <see cref="Timeout"/>, its whole process tree is killed (CliWrap's forceful cancellation).
/// </summary>
public sealed class Tool
{
    private readonly string _program;
    private readonly IReadOnlyList<string> _prefix;

    public Tool(string command, string name, TimeSpan timeout)
    {
        var words = CommandLine.Split(command);
        if (words.Count == 0)
            throw new ArgumentException($"The {name} command is empty.", nameof(command));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _program = words[0];
        _prefix = [.. words.Skip(1)];
        Name = name;
        Timeout = timeout;
    }

    public string Name { get; }

    /// <summary>The longest one run may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Runs the tool to completion; a non-zero exit becomes <see cref="ToolFailedException"/> with the stderr tail.</summary>
    /// <param name="input">What the tool reads on stdin; nothing when null.</param>
    public async Task<BufferedCommandResult> RunAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        PipeSource? input = null
    )
    {
        var result = await ExecuteAsync(arguments, cancellationToken, input);
        if (result.ExitCode != 0)
            throw new ToolFailedException(Name, result.ExitCode, StderrTail.Of(result.StandardError));
        return result;
    }

    /// <summary>
    /// Runs the tool to completion whatever its exit code. Past <see cref="Timeout"/> the run fails as a classified
    /// <see cref="RenderErrorCode.Timeout"/>; a cancellation of <paramref name="cancellationToken"/> stays one.
    /// </summary>
    public Task<BufferedCommandResult> ExecuteAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        PipeSource? input = null
    ) =>
        BoundedAsync<BufferedCommandResult>(
            async stop =>
                await Cli.Wrap(_program)
                    .WithArguments([.. _prefix, .. arguments])
                    .WithStandardInputPipe(input ?? PipeSource.Null)
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(stop),
            cancellationToken
        );

    /// <summary>
    /// Runs the tool with its stdin and stdout joined to the caller's pipes (raw frames in or out), whatever its exit
    /// code, bounded like <see cref="ExecuteAsync"/>; returns the exit code and the stderr text.
    /// </summary>
    public Task<(int ExitCode, string StandardError)> StreamAsync(
        IEnumerable<string> arguments,
        PipeSource input,
        PipeTarget output,
        CancellationToken cancellationToken
    ) =>
        BoundedAsync(
            async stop =>
            {
                var stderr = new System.Text.StringBuilder();
                var result = await Cli.Wrap(_program)
                    .WithArguments([.. _prefix, .. arguments])
                    .WithStandardInputPipe(input)
                    .WithStandardOutputPipe(output)
                    .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteAsync(stop);
                return (result.ExitCode, stderr.ToString());
            },
            cancellationToken
        );

    private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(Timeout);
        try
        {
            return await run(stop.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RenderFailedException(
                new RenderError
                {
                    Code = RenderErrorCode.Timeout,
                    Message = $"{Name} did not finish within {Timeout.TotalSeconds:0.#} s and was stopped.",
                },
                ex
            );
        }
    }
}

/// <summary>A tool exited with a non-zero code; the exception carries the tool, its exit code and its scrubbed stderr tail.</summary>
public sealed class ToolFailedException(string tool, int exitCode, string stderrTail)
    : Exception($"{tool} exited with code {exitCode}: {stderrTail}")
{
    public string Tool { get; } = tool;

    public int ExitCode { get; } = exitCode;

    public string StderrTail { get; } = stderrTail;
}

public static class StderrTail
{
    /// <summary>The last lines of a tool's stderr (at most 2000 characters), with secrets scrubbed.</summary>
    public static string Of(string stderr, int maxLines = 20, int maxChars = 2000)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tail = string.Join('\n', lines.TakeLast(maxLines));
        if (tail.Length > maxChars)
            tail = tail[^maxChars..];
        return SecretScrubber.Scrub(tail);
    }
}
