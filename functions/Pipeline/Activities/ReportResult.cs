using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Activities;

public sealed record ReportResultInput(string JobId, JobReport Report);

/// <summary>Delivers the job's one report to the backend; the orchestration retries it until it lands.</summary>
/// <remarks>
/// Shutdown does not cut a report short: one the backend recorded but we stopped waiting for would be sent
/// again after the restart. The backend client's own timeout bounds the call.
/// </remarks>
public sealed class ReportResult(IBackendClient backend, ILogger<ReportResult> logger)
{
    public async Task RunAsync(ReportResultInput input, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        await backend.ReportAsync(input.JobId, input.Report, CancellationToken.None);
        logger.LogInformation("Reported job {JobId} as {Status}", input.JobId, input.Report.Status.ToWireName());
    }
}
