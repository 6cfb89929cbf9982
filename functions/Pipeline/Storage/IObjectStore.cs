namespace Serverless.Pipeline.Storage;

/// <summary>The S3 bucket the pipeline stages and publishes media in.</summary>
public interface IObjectStore
{
    Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken);

    /// <summary>Null when the key does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the object into <paramref name="path"/>: a missing object or one longer than <paramref name="maxBytes"/>
    /// is a <see cref="PermanentFailureException"/>; a read that takes longer than <paramref name="timeout"/>, headers
    /// and body together, a <see cref="TimeoutException"/> (a stalled body cannot hang the caller).
    /// </summary>
    Task DownloadFileAsync(string key, string path, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken);

    Task CopyAsync(string sourceKey, string destinationKey, string contentType, CancellationToken cancellationToken);

    /// <summary>Deletes every object under <paramref name="prefix"/>; a missing prefix is not an error.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    Uri PresignGet(string key, TimeSpan validFor);

    Uri PresignPut(string key, string contentType, TimeSpan validFor);
}

public sealed record ObjectInfo(string Key, long Size, string? ContentType);
