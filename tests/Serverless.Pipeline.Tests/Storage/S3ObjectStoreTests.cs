using System.Net.Http.Headers;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Storage;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Storage;

public sealed class S3ObjectStoreTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>, IAsyncLifetime
{
    private readonly string _jobId = Guid.NewGuid().ToString("N")[..24];
    private readonly string _directory = Directory.CreateTempSubdirectory("s3-tests-").FullName;
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = PipelineServices.Build(
            ("S3_BUCKET", S3ServerFixture.Bucket),
            ("S3_ENDPOINT", s3.Endpoint),
            ("S3_REGION", S3ServerFixture.Region),
            ("AWS_ACCESS_KEY_ID", S3ServerFixture.AccessKey),
            ("AWS_SECRET_ACCESS_KEY", S3ServerFixture.SecretKey)
        );
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private IObjectStore Store => _services.GetRequiredService<IObjectStore>();

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private string LocalFile(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact(Timeout = 30_000)]
    public async Task An_uploaded_file_has_its_size_and_content_type_and_downloads_back()
    {
        var content = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();
        var key = JobKeys.RenderedVideo(_jobId);

        await Store.UploadFileAsync(key, LocalFile("video.mp4", content), "video/mp4", Timeout);
        var info = await Store.GetInfoAsync(key, Timeout);
        var downloaded = await s3.GetObjectBytesAsync(key, Timeout);

        Assert.Equal(new ObjectInfo(key, content.Length, "video/mp4"), info);
        Assert.Equal(content, downloaded);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_key_has_no_info() => Assert.Null(await Store.GetInfoAsync($"work/{_jobId}/nothing", Timeout));

    [Fact(Timeout = 30_000)]
    public async Task Copying_a_missing_key_is_a_permanent_failure()
    {
        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            Store.CopyAsync($"work/{_jobId}/nothing", $"work/{_jobId}/copy", "image/png", Timeout)
        );

        Assert.Contains("the object does not exist", error.Message);
        Assert.DoesNotContain(S3ServerFixture.SecretKey + "\"", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_copy_sets_the_new_content_type()
    {
        var source = JobKeys.StagedImage(_jobId);
        var destination = JobKeys.OutputPoster("alice", _jobId);
        await Store.UploadFileAsync(source, LocalFile("image", [1, 2, 3]), "application/octet-stream", Timeout);

        await Store.CopyAsync(source, destination, "image/jpeg", Timeout);

        Assert.Equal(new ObjectInfo(destination, 3, "image/jpeg"), await Store.GetInfoAsync(destination, Timeout));
        Assert.NotNull(await Store.GetInfoAsync(source, Timeout));
    }

    [Fact(Timeout = 30_000)]
    public async Task Deleting_a_prefix_removes_only_the_objects_under_it()
    {
        var file = LocalFile("a", [1]);
        await Store.UploadFileAsync(JobKeys.StagedImage(_jobId), file, "image/png", Timeout);
        await Store.UploadFileAsync(JobKeys.StagedAudio(_jobId, "mp3"), file, "audio/mpeg", Timeout);
        await Store.UploadFileAsync(JobKeys.OutputVideo("alice", _jobId), file, "video/mp4", Timeout);

        await Store.DeletePrefixAsync(JobKeys.WorkPrefix(_jobId), Timeout);
        await Store.DeletePrefixAsync($"work/{_jobId}-nothing/", Timeout);

        Assert.Null(await Store.GetInfoAsync(JobKeys.StagedImage(_jobId), Timeout));
        Assert.Null(await Store.GetInfoAsync(JobKeys.StagedAudio(_jobId, "mp3"), Timeout));
        Assert.NotNull(await Store.GetInfoAsync(JobKeys.OutputVideo("alice", _jobId), Timeout));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_presigned_put_then_get_round_trips_bytes_over_http_with_path_style_sigv4_urls()
    {
        var key = JobKeys.RenderedVideo(_jobId);
        var put = Store.PresignPut(key, "video/mp4", TimeSpan.FromMinutes(5));
        var get = Store.PresignGet(key, TimeSpan.FromMinutes(5));
        byte[] content = [0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 42];
        using var http = new HttpClient();

        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        (await http.PutAsync(put, body, Timeout)).EnsureSuccessStatusCode();
        var fetched = await http.GetByteArrayAsync(get, Timeout);

        Assert.Equal("http", put.Scheme);
        Assert.Equal($"/{S3ServerFixture.Bucket}/{key}", put.AbsolutePath);
        Assert.Equal(s3.Port, put.Port);
        Assert.Contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", put.Query);
        Assert.Contains("content-type", Uri.UnescapeDataString(put.Query));
        Assert.Equal(content, fetched);
        Assert.Equal("video/mp4", (await Store.GetInfoAsync(key, Timeout))!.ContentType);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_bucket_is_a_permanent_failure()
    {
        await using var services = PipelineServices.Build(
            ("S3_BUCKET", "no-such-bucket"),
            ("S3_ENDPOINT", s3.Endpoint),
            ("AWS_ACCESS_KEY_ID", S3ServerFixture.AccessKey),
            ("AWS_SECRET_ACCESS_KEY", S3ServerFixture.SecretKey)
        );

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            services.GetRequiredService<IObjectStore>().UploadFileAsync("k", LocalFile("f", [1]), "image/png", Timeout)
        );

        Assert.Contains("bucket does not exist", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_credentials_are_a_permanent_failure_that_names_no_credentials()
    {
        await using var services = PipelineServices.Build(
            ("S3_BUCKET", S3ServerFixture.Bucket),
            ("S3_ENDPOINT", s3.Endpoint),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY123"),
            ("AWS_SECRET_ACCESS_KEY", "very-secret-value-123")
        );

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            services.GetRequiredService<IObjectStore>().UploadFileAsync("k", LocalFile("f", [1]), "image/png", Timeout)
        );

        Assert.Contains("access was denied", error.Message);
        Assert.DoesNotContain("very-secret-value-123", error.Message);
        Assert.DoesNotContain("AKIAEXAMPLEKEY123", error.Message);
    }

    [Fact]
    public void The_client_uses_path_style_addressing_on_the_configured_endpoint()
    {
        var client = Assert.IsAssignableFrom<AmazonS3Client>(_services.GetRequiredService<IAmazonS3>());
        var config = (AmazonS3Config)client.Config;

        Assert.True(config.ForcePathStyle);
        Assert.StartsWith(s3.Endpoint, config.ServiceURL);
        Assert.Equal(60, new PipelineOptions().PresignedUrlTtlMinutes);
    }

    [Fact]
    public void Job_keys_follow_the_layout()
    {
        Assert.Equal("work/j1/", JobKeys.WorkPrefix("j1"));
        Assert.Equal("work/j1/image", JobKeys.StagedImage("j1"));
        Assert.Equal("work/j1/audio.wav", JobKeys.StagedAudio("j1", "wav"));
        Assert.Equal("work/j1/video.mp4", JobKeys.RenderedVideo("j1"));
        Assert.Equal("work/j1/poster.jpg", JobKeys.RenderedPoster("j1"));
        Assert.Equal("outputs/ns/j1.mp4", JobKeys.OutputVideo("ns", "j1"));
        Assert.Equal("outputs/ns/j1.jpg", JobKeys.OutputPoster("ns", "j1"));
    }
}
