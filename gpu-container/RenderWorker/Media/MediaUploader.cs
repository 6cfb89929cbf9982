using System.Net.Http.Headers;
using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Media;

/// <summary>Streams one output file to its presigned PUT URL (retried by the resilience handler; the file stream rewinds).</summary>
public sealed class MediaUploader(HttpClient http)
{
    public async Task UploadAsync(string path, Uri url, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            using var content = new StreamContent(file, 81920);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Headers.ContentLength = file.Length;
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw Failed(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
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

    private static RenderFailedException Failed(Uri url, string reason, Exception? inner = null) =>
        new(
            new RenderError
            {
                Code = RenderErrorCode.UploadFailed,
                Message = $"Upload to {SecretScrubber.Redact(url)} failed: {SecretScrubber.Scrub(reason)}",
            },
            inner
        );
}
