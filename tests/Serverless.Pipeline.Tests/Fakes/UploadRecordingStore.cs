using System.Collections.Concurrent;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Tests.Fakes;

/// <summary>An object store that only records uploads, for activities tested without S3.</summary>
internal sealed class UploadRecordingStore : IObjectStore
{
    public ConcurrentQueue<(string Key, long Bytes)> Uploads { get; } = new();

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        Uploads.Enqueue((key, new FileInfo(path).Length));
        return Task.CompletedTask;
    }

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DownloadFileAsync(string key, string path, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task CopyAsync(string sourceKey, string destinationKey, string contentType, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Uri PresignGet(string key, TimeSpan validFor) => throw new NotSupportedException();

    public Uri PresignPut(string key, string contentType, TimeSpan validFor) => throw new NotSupportedException();
}
