using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record CleanUpStagingInput(string JobId);

/// <summary>Deletes the job's <c>work/&lt;jobId&gt;/</c> keys once the job has ended, whichever way.</summary>
public sealed class CleanUpStaging(IObjectStore store, ILogger<CleanUpStaging> logger)
{
    public async Task RunAsync(CleanUpStagingInput input, CancellationToken cancellationToken)
    {
        await store.DeletePrefixAsync(JobKeys.WorkPrefix(input.JobId), cancellationToken);
        logger.LogInformation("Deleted staging keys of job {JobId}", input.JobId);
    }
}
