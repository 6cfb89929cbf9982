using Microsoft.DurableTask;
using Serverless.Contracts;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    private const int MaxForeignResults = 5;

    /// <summary>
    /// The first result for this job, or null when the render deadline passes first. The SDK's timeout overload
    /// races the event against a durable timer (and cancels the timer when the event wins). Results naming
    /// another job (a misrouted message) are skipped, a few at most.
    /// </summary>
    private static async Task<RenderResult?> WaitForRenderAsync(TaskOrchestrationContext context, string jobId, DateTime deadline)
    {
        for (var skipped = 0; skipped < MaxForeignResults; skipped++)
        {
            RenderResult result;
            try
            {
                var remaining = deadline - context.CurrentUtcDateTime;
                if (remaining <= TimeSpan.Zero)
                    return null;
                result = await context.WaitForExternalEvent<RenderResult>(RenderJobInstance.RenderCompletedEvent, remaining);
            }
            catch (TaskCanceledException)
            {
                return null;
            }
            if (result.JobId == jobId)
                return result;
        }
        return null;
    }
}
