using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Downloads;

/// <summary>
/// Downloads job inputs through the guarded named client <see cref="HttpClientName"/>: redirects followed by
/// hand (each hop re-checked), size limited by Content-Length and while streaming, one deadline for it all.
/// </summary>
public sealed class InputDownloader(
    IHttpClientFactory httpClientFactory,
    UrlGuard guard,
    IOptions<DownloadOptions> options,
    ILogger<InputDownloader> logger
)
{
    public const string HttpClientName = "inputs";

    /// <summary>
    /// Streams <paramref name="url"/> into <paramref name="destination"/>. Throws <see cref="InputRejectedException"/>
    /// (permanent: 4xx, too big, refused address, too many redirects) or a transient exception (5xx, timeout).
    /// Error messages never include the URL's query (signatures).
    /// </summary>
    public async Task<DownloadedInput> DownloadAsync(Uri url, long maxBytes, Stream destination, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var http = httpClientFactory.CreateClient(HttpClientName);
        var started = Stopwatch.GetTimestamp();
        var current = url;

        try
        {
            for (var hop = 0; ; hop++)
            {
                guard.CheckUrl(current);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var response = await SendAsync(http, request, current, deadline.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (hop >= settings.MaxRedirects)
                        throw new InputRejectedException(
                            $"Too many redirects downloading {SecretScrubber.Redact(url)} (more than {settings.MaxRedirects})."
                        );
                    current = response.Headers.Location is { } location
                        ? new Uri(current, location)
                        : throw new InputRejectedException($"{SecretScrubber.Redact(current)} redirected without a Location.");
                    continue;
                }

                EnsureSuccess(response, current);
                var length = response.Content.Headers.ContentLength;
                if (length > maxBytes)
                    throw TooBig(current, maxBytes);
                var bytes = await CopyLimitedAsync(response, destination, maxBytes, current, deadline.Token);
                var contentType = response.Content.Headers.ContentType?.MediaType;
                logger.LogInformation(
                    "Downloaded {Url} ({Bytes} bytes, {ContentType}, {Redirects} redirects) in {DurationMs} ms",
                    SecretScrubber.Redact(current),
                    bytes,
                    contentType,
                    hop,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds
                );
                return new DownloadedInput(bytes, contentType);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputUnavailableException(
                $"Downloading {SecretScrubber.Redact(current)} timed out after {settings.TimeoutSeconds} s.",
                ex
            );
        }
        catch (IOException ex)
        {
            throw new InputUnavailableException($"Downloading {SecretScrubber.Redact(current)} was interrupted.", ex);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        Uri url,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (Find<AddressRefusedException>(ex) is { } refused)
        {
            throw new InputRejectedException(refused.Message, refused);
        }
        catch (HttpRequestException ex)
        {
            throw new InputUnavailableException(
                $"Could not download {SecretScrubber.Redact(url)}: {ex.HttpRequestError} ({SecretScrubber.Scrub(ex.InnerException?.Message ?? ex.Message)}).",
                ex
            );
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, Uri url)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return;
        var message = $"Downloading {SecretScrubber.Redact(url)} failed with HTTP {status}.";
        if (status is >= 400 and < 500 && status is not 408 and not 429)
            throw new InputRejectedException(message);
        throw new InputUnavailableException(message);
    }

    private static async Task<long> CopyLimitedAsync(
        HttpResponseMessage response,
        Stream destination,
        long maxBytes,
        Uri url,
        CancellationToken cancellationToken
    )
    {
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await SizeLimitedCopy.CopyAsync(source, destination, maxBytes, cancellationToken) ?? throw TooBig(url, maxBytes);
    }

    private static InputRejectedException TooBig(Uri url, long maxBytes) =>
        new($"{SecretScrubber.Redact(url)} is larger than the {maxBytes}-byte limit.");

    private static bool IsRedirect(HttpStatusCode status) =>
        status
            is HttpStatusCode.MovedPermanently
                or HttpStatusCode.Found
                or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect
                or HttpStatusCode.PermanentRedirect;

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T match)
                return match;
        return null;
    }
}
