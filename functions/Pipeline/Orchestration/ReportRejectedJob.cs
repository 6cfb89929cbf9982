using Microsoft.DurableTask;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <param name="Code">The report's error code: <c>bad_input</c> for a lease that cannot be processed, <c>internal_error</c> for a job that could not be scheduled.</param>
/// <param name="PendingReport">Set when the instance continued as new while its report was overdue.</param>
public sealed record ReportRejectedJobInput(
    string JobId,
    string Reason,
    RenderJobSettings Settings,
    string Code = "bad_input",
    PendingReport? PendingReport = null
);

/// <summary>
/// A leased job that cannot be processed (bad input in the lease itself, or a job the poller could not
/// schedule) still gets its one report, delivered like <see cref="RenderJob"/>'s, so a backend outage does not lose it.
/// </summary>
public static class ReportRejectedJob
{
    public static async Task<RenderJobOutcome> RunAsync(TaskOrchestrationContext context, ReportRejectedJobInput input)
    {
        var pending = input.PendingReport ?? new PendingReport(JobReport.Failed($"{input.Code}: {input.Reason}"));
        var report = pending.Report;
        context.SetCustomStatus(new RenderJobStatus { Stage = RenderJobStages.Reporting, Error = report.Error });
        var delivery = await ReportDelivery.DeliverAsync(context, input.JobId, pending, input.Settings);
        if (delivery.Pending is { } overdue)
        {
            context.ContinueAsNew(input with { PendingReport = overdue });
            return new RenderJobOutcome(input.JobId, report, ReportOutcome.Overdue);
        }
        context.SetCustomStatus(new RenderJobStatus { Stage = RenderJobStages.Failed, Error = report.Error });
        return new RenderJobOutcome(input.JobId, report, delivery.Outcome);
    }
}
