using System.Net;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Media;

/// <summary>Fetches one input through its presigned GET URL into a local file, within a size limit.</summary>
public sealed class MediaDownloader(HttpClient http, IOptions<TransferOptions> options)
{
    public async Task DownloadAsync(Uri url, string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DownloadAttemptTimeout * 2);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                throw Failed(url, $"HTTP {(int)response.StatusCode}: the presigned URL expired or the object is gone");
            if (!response.IsSuccessStatusCode)
                throw Failed(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength > maxBytes)
                throw Failed(url, $"{response.Content.Headers.ContentLength} bytes is over the {maxBytes}-byte limit");

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var file = File.Create(path);
            await CopyWithLimitAsync(body, file, maxBytes, url, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException)
        {
            throw Failed(url, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(url, "timed out", ex);
        }
    }

    private static async Task CopyWithLimitAsync(Stream body, Stream file, long maxBytes, Uri url, CancellationToken ct)
    {
        var total = await SizeLimitedCopy.CopyAsync(body, file, maxBytes, ct) ?? throw Failed(url, $"more than the {maxBytes}-byte limit");
        if (total == 0)
            throw Failed(url, "the object is empty");
    }

    private static RenderFailedException Failed(Uri url, string reason, Exception? inner = null) =>
        new(
            new RenderError
            {
                Code = RenderErrorCode.DownloadFailed,
                Message = $"Download of {SecretScrubber.Redact(url)} failed: {SecretScrubber.Scrub(reason)}",
            },
            inner
        );
}
