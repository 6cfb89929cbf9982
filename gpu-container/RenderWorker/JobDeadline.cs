using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker;

/// <summary>
/// A request's deadline on the worker's clock: the orchestration stops waiting then and cleans the job's files up,
/// so nothing may be uploaded after it. <see cref="Token"/> is cancelled when it passes, which stops every step
/// (tool runs kill their process trees, transfers are cut).
/// </summary>
public sealed class JobDeadline : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(30);

    private readonly CancellationTokenSource _passed;
    private readonly TimeProvider _time;

    public JobDeadline(DateTimeOffset deadline, TimeProvider time)
    {
        At = deadline;
        _time = time;
        var left = deadline - time.GetUtcNow();
        // A timer cannot wait past ~49 days; no job runs for a month, so a later deadline needs none.
        _passed = new CancellationTokenSource(
            left <= TimeSpan.Zero ? TimeSpan.Zero
                : left > MaxWait ? Timeout.InfiniteTimeSpan
                : left,
            time
        );
    }

    public DateTimeOffset At { get; }

    /// <summary>Cancelled when the deadline passes.</summary>
    public CancellationToken Token => _passed.Token;

    public bool HasPassed => _passed.IsCancellationRequested || At <= _time.GetUtcNow();

    /// <summary>The classified failure of a job stopped by its deadline.</summary>
    public RenderFailedException Exceeded() => Exceeded($"The deadline {At:O} passed while the job ran; it was stopped.");

    /// <summary>Throws the classified failure when <paramref name="deadline"/> has passed before <paramref name="step"/>.</summary>
    public static void ThrowIfPassed(DateTimeOffset deadline, TimeProvider time, string step)
    {
        if (deadline <= time.GetUtcNow())
            throw Exceeded($"The deadline {deadline:O} passed before {step}; nothing was uploaded.");
    }

    private static RenderFailedException Exceeded(string message) =>
        new(new RenderError { Code = RenderErrorCode.DeadlineExceeded, Message = message });

    public void Dispose() => _passed.Dispose();
}
