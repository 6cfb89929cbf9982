using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Activities;

public sealed record ReportResultInput(string JobId, JobReport Report);

/// <summary>Delivers the job's one report to the backend; the orchestration retries it for a long while.</summary>
public sealed class ReportResult(IBackendClient backend, ILogger<ReportResult> logger)
{
    public async Task RunAsync(ReportResultInput input, CancellationToken cancellationToken)
    {
        await backend.ReportAsync(input.JobId, input.Report, cancellationToken);
        logger.LogInformation("Reported job {JobId} as {Status}", input.JobId, input.Report.Status);
    }
}
