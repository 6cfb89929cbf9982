using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.TestFixtures;

namespace Serverless.RenderWorker.Tests;

/// <summary>
/// Real Azurite and s3rver shared by the worker tests (which run one at a time: the queue names are fixed),
/// with helpers that stage inputs and presign URLs the way the pipeline does.
/// </summary>
public sealed class WorkerEnvironment : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();
    public S3ServerFixture S3Server { get; } = new();

    public QueueClient Requests { get; private set; } = null!;
    public QueueClient Results { get; private set; } = null!;
    public QueueClient Poison { get; private set; } = null!;
    public IAmazonS3 S3 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Azurite.InitializeAsync(), S3Server.InitializeAsync());
        var service = new QueueServiceClient(
            Azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }
        );
        Requests = service.GetQueueClient(RenderQueues.Requests);
        Results = service.GetQueueClient(RenderQueues.Results);
        Poison = service.GetQueueClient(RenderQueues.RequestsPoison);
        S3 = S3Server.CreateClient();
    }

    /// <summary>Empties the three queues (invisible messages included) between tests.</summary>
    public async Task ResetQueuesAsync()
    {
        foreach (var queue in new[] { Requests, Results, Poison })
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
    }

    /// <summary>Uploads a portrait and an audio track under work/{jobId}/ and builds the request the pipeline would send.</summary>
    public async Task<RenderRequest> StageRequestAsync(string jobId, TimeSpan? deadlineIn = null)
    {
        await PutAsync($"work/{jobId}/image.png", await File.ReadAllBytesAsync(RepoPaths.SamplePortrait), "image/png");
        await PutAsync($"work/{jobId}/audio.wav", TestMedia.SineWav(TimeSpan.FromSeconds(1.5)), "audio/wav");
        return new RenderRequest
        {
            JobId = jobId,
            InstanceId = $"instance-{jobId}",
            ImageUrl = Presign($"work/{jobId}/image.png", HttpVerb.GET),
            AudioUrl = Presign($"work/{jobId}/audio.wav", HttpVerb.GET),
            VideoUploadUrl = Presign(VideoKey(jobId), HttpVerb.PUT),
            PosterUploadUrl = Presign(PosterKey(jobId), HttpVerb.PUT),
            Deadline = DateTimeOffset.UtcNow + (deadlineIn ?? TimeSpan.FromMinutes(30)),
        };
    }

    public static string VideoKey(string jobId) => $"work/{jobId}/video.mp4";

    public static string PosterKey(string jobId) => $"work/{jobId}/poster.jpg";

    public Uri Presign(string key, HttpVerb verb) =>
        new(
            S3.GetPreSignedURL(
                new GetPreSignedUrlRequest
                {
                    BucketName = S3ServerFixture.Bucket,
                    Key = key,
                    Verb = verb,
                    Expires = DateTime.UtcNow.AddMinutes(30),
                    Protocol = Protocol.HTTP,
                }
            )
        );

    public Task SendAsync(RenderRequest request) => Requests.SendMessageAsync(RenderQueueJson.Serialize(request));

    public async Task<byte[]?> TryGetObjectAsync(string key)
    {
        try
        {
            using var response = await S3.GetObjectAsync(S3ServerFixture.Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        using var body = new MemoryStream(bytes);
        await S3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = S3ServerFixture.Bucket,
                Key = key,
                InputStream = body,
                ContentType = contentType,
                UseChunkEncoding = false,
            }
        );
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        await Task.WhenAll(Azurite.DisposeAsync(), S3Server.DisposeAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerEnvironment>
{
    public const string Name = "render worker against Azurite and s3rver";
}
