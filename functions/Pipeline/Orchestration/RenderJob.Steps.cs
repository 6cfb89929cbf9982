using Microsoft.DurableTask;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    /// <summary>Runs one pipeline step; its failure (after the step's retries) becomes the job's classified failure.</summary>
    private static async Task<TOutput> CallStepAsync<TInput, TOutput>(
        TaskOrchestrationContext context,
        string stage,
        string activity,
        TInput input,
        TaskOptions retry
    )
        where TInput : notnull
    {
        try
        {
            return await context.CallActivityAsync<TOutput>(activity, input, retry);
        }
        catch (TaskFailedException ex)
        {
            throw new JobFailedException(JobFailure.FromActivity(stage, ex));
        }
    }

    /// <summary>A step without a result.</summary>
    private static async Task CallStepAsync<TInput>(
        TaskOrchestrationContext context,
        string stage,
        string activity,
        TInput input,
        TaskOptions retry
    )
        where TInput : notnull
    {
        try
        {
            await context.CallActivityAsync(activity, input, retry);
        }
        catch (TaskFailedException ex)
        {
            throw new JobFailedException(JobFailure.FromActivity(stage, ex));
        }
    }
}
