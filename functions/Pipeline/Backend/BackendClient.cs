using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Serverless.Contracts;

namespace Serverless.Pipeline.Backend;

/// <summary>
/// The backend's worker protocol over a typed <see cref="HttpClient"/>. Both calls are single-shot: the only
/// resilience strategy on this client is a timeout (see <see cref="BackendServiceCollectionExtensions"/>).
/// </summary>
public sealed class BackendClient(HttpClient http, IOptions<BackendOptions> options, ILogger<BackendClient> logger) : IBackendClient
{
    /// <summary>
    /// A lease call timed out: the backend may have committed it, and that job is <c>running</c> with no instance
    /// and no report here (the protocol has no lease expiry; see the README for what the backend must do).
    /// </summary>
    public static readonly EventId LeaseMayBeLost = new(4201, nameof(LeaseMayBeLost));

    private const string LeaseCall = "lease";

    public async Task<LeaseResult> LeaseAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        using var request = NewRequest(new Uri(settings.BaseUri, "api/render-internal/next-job"), content: null);
        using var response = await SendAsync(request, LeaseCall, cancellationToken);
        var body = await ReadBodyAsync(response, "lease", cancellationToken);
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw Unauthorized(response.StatusCode, "lease");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            logger.LogWarning("Backend lease failed with {StatusCode} after {DurationMs} ms", (int)response.StatusCode, elapsedMs);
            throw new BackendUnavailableException($"The backend answered the lease with HTTP {(int)response.StatusCode}.");
        }

        var result = LeaseResponseReader.Read(body, settings.MaxTextLength);
        switch (result)
        {
            case LeaseResult.Leased leased:
                logger.LogInformation("Leased job {JobId} in {DurationMs} ms", leased.Job.Id, elapsedMs);
                break;
            case LeaseResult.Rejected rejected:
                logger.LogWarning("Leased job {JobId} was rejected: {Reason}", rejected.JobId, rejected.Reason);
                break;
        }
        return result;
    }

    public async Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        if (!LeasedJobValidator.IsReportableId(jobId))
            throw new PermanentFailureException("The job id cannot be reported: it is not a safe token.");

        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        var json = JsonSerializer.Serialize(report);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var request = NewRequest(new Uri(settings.BaseUri, $"api/render-internal/job-result/{jobId}"), content);
        using var response = await SendAsync(request, "report", cancellationToken);
        var body = await ReadBodyAsync(response, "report", cancellationToken);
        var status = (int)response.StatusCode;
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (response.IsSuccessStatusCode)
        {
            logger.LogInformation(
                "Reported job {JobId} as {JobStatus} ({StatusCode}, {DurationMs} ms)",
                jobId,
                report.Status.ToWireName(),
                status,
                elapsedMs
            );
            return;
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw Unauthorized(response.StatusCode, "report");

        logger.LogWarning("Backend refused the report of job {JobId} with {StatusCode} after {DurationMs} ms", jobId, status, elapsedMs);
        var detail = Shorten(SecretScrubber.Scrub(body));
        if (status is >= 400 and < 500 && status is not 408 and not 429)
            throw new PermanentFailureException($"The backend refused the report of job {jobId}: HTTP {status} {detail}".TrimEnd());
        throw new BackendUnavailableException($"The backend answered the report of job {jobId} with HTTP {status}.");
    }

    private HttpRequestMessage NewRequest(Uri uri, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.WorkerToken);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string call, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Backend {Call} call failed: {Error}", call, ex.HttpRequestError);
            throw new BackendUnavailableException(
                $"The backend could not be reached for the {call} call ({SecretScrubber.Scrub(ex.Message)}).",
                ex
            );
        }
        catch (TimeoutRejectedException ex)
        {
            logger.LogWarning("Backend {Call} call timed out after {TimeoutSeconds} s", call, options.Value.TimeoutSeconds);
            LogLeaseMayBeLost(call);
            throw new BackendUnavailableException($"The backend's {call} call timed out.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogLeaseMayBeLost(call);
            throw new BackendUnavailableException($"The backend's {call} call timed out.", ex);
        }
    }

    private void LogLeaseMayBeLost(string call)
    {
        if (call == LeaseCall)
            logger.LogWarning(
                LeaseMayBeLost,
                "The lease call timed out after {TimeoutSeconds} s: the backend may have leased a job that has no instance and will get no report here; the backend must re-queue a job that stays running without a report",
                options.Value.TimeoutSeconds
            );
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new BackendUnavailableException($"The backend's {call} response could not be read.", ex);
        }
    }

    private BackendAuthException Unauthorized(HttpStatusCode status, string call)
    {
        logger.LogError(
            "The backend refused WORKER_TOKEN on the {Call} call ({StatusCode}): check the WORKER_TOKEN setting",
            call,
            (int)status
        );
        return new BackendAuthException($"The backend refused WORKER_TOKEN (HTTP {(int)status}) on the {call} call.");
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
