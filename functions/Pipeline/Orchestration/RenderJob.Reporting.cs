using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    private static async Task CleanUpAsync(TaskOrchestrationContext context, string jobId, RenderJobSettings settings, ILogger logger)
    {
        try
        {
            await context.CallActivityAsync(nameof(CleanUpStaging), new CleanUpStagingInput(jobId), ActivityRetries.ForSteps(settings));
        }
        catch (TaskFailedException ex)
        {
            // Staging keys are only scratch data; a lifecycle rule on work/ can sweep what is left.
            logger.LogWarning("Could not delete the staging keys of job {JobId}: {Error}", jobId, ex.FailureDetails.ErrorMessage);
        }
    }
}
