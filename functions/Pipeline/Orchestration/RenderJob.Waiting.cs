using Microsoft.DurableTask;
using Serverless.Contracts;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    private const int MaxForeignResults = 5;

    /// <summary>
    /// The first result of this job that <paramref name="answers"/> accepts, or null when the deadline passes
    /// first. Other results (a misrouted message, a late chunk, a duplicate) are skipped, up to
    /// <paramref name="maxSkipped"/>, so a flood cannot grow the history without bound.
    /// </summary>
    private static async Task<RenderResult?> WaitForRenderAsync(
        TaskOrchestrationContext context,
        string jobId,
        DateTimeOffset deadline,
        Func<RenderResult, bool> answers,
        int maxSkipped
    )
    {
        for (var skipped = 0; skipped <= maxSkipped; skipped++)
        {
            if (await NextResultAsync(context, deadline) is not { } result)
                return null;
            if (result.JobId == jobId && answers(result))
                return result;
        }
        return null;
    }

    /// <summary>
    /// The next RenderCompleted event, or null at the deadline. The SDK's timeout overload races the event against a
    /// durable timer (and cancels the timer when the event wins).
    /// </summary>
    private static async Task<RenderResult?> NextResultAsync(TaskOrchestrationContext context, DateTimeOffset deadline)
    {
        var remaining = deadline.UtcDateTime - context.CurrentUtcDateTime;
        if (remaining <= TimeSpan.Zero)
            return null;
        try
        {
            return await context.WaitForExternalEvent<RenderResult>(RenderJobInstance.RenderCompletedEvent, remaining);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
