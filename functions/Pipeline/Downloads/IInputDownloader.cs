namespace Serverless.Pipeline.Downloads;

/// <summary>Fetches a job's input from a URL the backend handed out, with limits and an address guard.</summary>
public interface IInputDownloader
{
    /// <summary>
    /// Streams <paramref name="url"/> into <paramref name="destination"/>. Throws <see cref="InputRejectedException"/>
    /// (permanent: 4xx, too big, refused address, too many redirects) or a transient exception (5xx, timeout).
    /// Error messages never include the URL's query (signatures).
    /// </summary>
    Task<DownloadedInput> DownloadAsync(Uri url, long maxBytes, Stream destination, CancellationToken cancellationToken);
}

public sealed record DownloadedInput(long Bytes, string? ContentType);

public sealed class InputRejectedException(string message, Exception? inner = null)
    : PermanentFailureException(message, inner);
