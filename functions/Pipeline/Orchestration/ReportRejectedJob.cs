using Microsoft.DurableTask;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

public sealed record ReportRejectedJobInput(string JobId, string Reason, RenderJobSettings Settings);

/// <summary>
/// A leased job that cannot be processed (bad input in the lease itself) still gets its one report, with the
/// same durable retries as <see cref="RenderJob"/>, so a backend outage does not lose it.
/// </summary>
public static class ReportRejectedJob
{
    public static async Task<RenderJobOutcome> RunAsync(TaskOrchestrationContext context, ReportRejectedJobInput input)
    {
        var report = JobReport.Failed($"bad_input: {input.Reason}");
        context.SetCustomStatus(new RenderJobStatus { Stage = RenderJobStages.Reporting, Error = report.Error });
        await context.CallActivityAsync(
            nameof(ReportResult),
            new ReportResultInput(input.JobId, report),
            ActivityRetries.ForReporting(input.Settings)
        );
        context.SetCustomStatus(new RenderJobStatus { Stage = RenderJobStages.Failed, Error = report.Error });
        return new RenderJobOutcome(input.JobId, report);
    }
}
