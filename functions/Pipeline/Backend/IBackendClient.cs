namespace Serverless.Pipeline.Backend;

/// <summary>
/// The existing backend's worker protocol: <c>POST api/render-internal/next-job</c> leases a job,
/// <c>POST api/render-internal/job-result/{id}</c> reports it, both with the WORKER_TOKEN bearer token.
/// <c>tests/Serverless.DevBackend/WorkerProtocolEndpoints.cs</c> serves it byte for byte.
/// </summary>
public interface IBackendClient
{
    /// <summary>
    /// Leases the oldest queued job. Throws <see cref="BackendUnavailableException"/> on 5xx, timeouts and
    /// unreadable bodies without a job id, <see cref="BackendAuthException"/> on 401.
    /// </summary>
    Task<LeaseResult> LeaseAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reports a job's end. Throws <see cref="BackendUnavailableException"/> on 5xx/timeouts (retry later),
    /// <see cref="BackendAuthException"/> on 401, <see cref="PermanentFailureException"/> on 400/404.
    /// </summary>
    Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken);
}

public sealed class BackendUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>WORKER_TOKEN was refused: a configuration error, not a job error.</summary>
public sealed class BackendAuthException(string message) : Exception(message);
