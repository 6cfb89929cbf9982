using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on S3 or an S3-compatible server. Non-transient S3 errors (access denied, missing
/// bucket or key) become <see cref="PermanentFailureException"/>; transient ones propagate for the caller to retry.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, IOptions<S3Options> options, ILogger<S3ObjectStore> logger) : IObjectStore
{
    private const int DeleteBatchSize = 1000;

    private string Bucket => options.Value.Bucket;

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken) =>
        GuardAsync(
            "upload",
            key,
            async () =>
            {
                var request = new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    FilePath = path,
                    ContentType = contentType,
                    // Streaming SigV4 (aws-chunked) is for AWS only: Cloudflare R2 answers it with "STREAMING-AWS4-HMAC-
                    // SHA256-PAYLOAD not implemented", and Wasabi and s3rver store the chunk signatures in the object.
                    UseChunkEncoding = !options.Value.HasEndpoint,
                };
                await s3.PutObjectAsync(request, cancellationToken);
                logger.LogInformation("Uploaded {Key} ({ContentType}, {Bytes} bytes)", key, contentType, new FileInfo(path).Length);
            }
        );

    public async Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectMetadataAsync(Bucket, key, cancellationToken);
            return new ObjectInfo(key, response.ContentLength, response.Headers.ContentType);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (IsPermanent(ex))
        {
            throw Permanent("get info", key, ex);
        }
    }

    public async Task DownloadFileAsync(string key, string path, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await GuardAsync(
                "download",
                key,
                async () =>
                {
                    using var response = await s3.GetObjectAsync(Bucket, key, deadline.Token);
                    if (response.ContentLength > maxBytes)
                        throw TooLarge(key, maxBytes);
                    long? copied;
                    await using (var file = File.Create(path))
                        copied = await SizeLimitedCopy.CopyAsync(response.ResponseStream, file, maxBytes, deadline.Token);
                    if (copied is not { } bytes)
                        throw TooLarge(key, maxBytes);
                    logger.LogInformation("Downloaded {Key} ({Bytes} bytes)", key, bytes);
                }
            );
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("S3 download of {Key} did not finish within {TimeoutSeconds} s", key, timeout.TotalSeconds);
            throw new TimeoutException($"S3 download of '{key}' did not finish within {timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    public Task CopyAsync(string sourceKey, string destinationKey, string contentType, CancellationToken cancellationToken) =>
        GuardAsync(
            "copy",
            sourceKey,
            async () =>
            {
                var request = new CopyObjectRequest
                {
                    SourceBucket = Bucket,
                    SourceKey = sourceKey,
                    DestinationBucket = Bucket,
                    DestinationKey = destinationKey,
                    MetadataDirective = S3MetadataDirective.REPLACE,
                    ContentType = contentType,
                };
                await s3.CopyObjectAsync(request, cancellationToken);
                logger.LogInformation("Copied {SourceKey} to {DestinationKey} ({ContentType})", sourceKey, destinationKey, contentType);
            }
        );

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken) =>
        GuardAsync(
            "delete",
            prefix,
            async () =>
            {
                var deleted = 0;
                string? continuation = null;
                do
                {
                    var page = await s3.ListObjectsV2Async(
                        new ListObjectsV2Request
                        {
                            BucketName = Bucket,
                            Prefix = prefix,
                            ContinuationToken = continuation,
                            MaxKeys = DeleteBatchSize,
                        },
                        cancellationToken
                    );
                    var keys = (page.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToList();
                    foreach (var batch in keys.Chunk(DeleteBatchSize))
                    {
                        await s3.DeleteObjectsAsync(
                            new DeleteObjectsRequest { BucketName = Bucket, Objects = [.. batch] },
                            cancellationToken
                        );
                        deleted += batch.Length;
                    }
                    continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
                } while (continuation is not null);
                logger.LogInformation("Deleted {Count} objects under {Prefix}", deleted, prefix);
            }
        );

    public Uri PresignGet(string key, TimeSpan validFor) => Presign(key, HttpVerb.GET, contentType: null, validFor);

    public Uri PresignPut(string key, string contentType, TimeSpan validFor) => Presign(key, HttpVerb.PUT, contentType, validFor);

    private Uri Presign(string key, HttpVerb verb, string? contentType, TimeSpan validFor)
    {
        var settings = options.Value;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.Add(validFor),
            Protocol =
                settings.HasEndpoint && settings.Endpoint!.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    ? Protocol.HTTP
                    : Protocol.HTTPS,
        };
        if (contentType is not null)
            request.ContentType = contentType;
        return new Uri(s3.GetPreSignedURL(request));
    }

    private PermanentFailureException TooLarge(string key, long maxBytes)
    {
        logger.LogError("S3 object {Key} is larger than {MaxBytes} bytes", key, maxBytes);
        return new PermanentFailureException($"S3 object '{key}' is larger than the limit of {maxBytes} bytes.");
    }

    private async Task GuardAsync(string operation, string key, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (AmazonS3Exception ex) when (IsPermanent(ex))
        {
            throw Permanent(operation, key, ex);
        }
    }

    /// <summary>4xx answers other than throttling/timeouts: retrying cannot change them.</summary>
    private static bool IsPermanent(AmazonServiceException ex)
    {
        var status = (int)ex.StatusCode;
        return status is >= 400 and < 500
            && status is not 408 and not 429
            && ex.ErrorCode is not ("RequestTimeout" or "SlowDown" or "RequestTimeTooSkewed" or "ExpiredToken");
    }

    private PermanentFailureException Permanent(string operation, string key, AmazonServiceException ex)
    {
        logger.LogError("S3 {Operation} of {Key} failed: {ErrorCode} ({StatusCode})", operation, key, ex.ErrorCode, (int)ex.StatusCode);
        var reason = ex.ErrorCode switch
        {
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" =>
                "access was denied (check the S3 credentials and permissions)",
            "NoSuchBucket" => "the bucket does not exist",
            "NoSuchKey" => "the object does not exist",
            _ => ex.ErrorCode ?? "the request was refused",
        };
        return new PermanentFailureException(
            $"S3 {operation} of '{key}' in bucket '{Bucket}' failed: {reason} (HTTP {(int)ex.StatusCode}).",
            ex
        );
    }
}
