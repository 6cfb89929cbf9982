using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    /// <summary>
    /// Waits until the report has landed, however long the backend is away (see <see cref="DeliverReport"/>).
    /// Only a refusal by the backend fails the instance, visibly and with its history.
    /// </summary>
    internal static Task DeliverReportAsync(
        TaskOrchestrationContext context,
        string jobId,
        JobReport report,
        RenderJobSettings settings
    ) =>
        context.CallSubOrchestratorAsync<JobReport>(
            nameof(DeliverReport),
            new DeliverReportInput(jobId, report, settings),
            new SubOrchestrationOptions { InstanceId = RenderJobInstance.ReportIdFor(jobId) }
        );

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
