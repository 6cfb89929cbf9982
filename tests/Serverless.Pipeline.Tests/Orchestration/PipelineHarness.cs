using System.Net.Http.Headers;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Contracts;
using Serverless.Pipeline;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;
using Serverless.Pipeline.Queues;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>
/// The real orchestration and activities on the in-process durable engine, against the real S3 server and
/// espeak-ng; the backend and the render queue are in-memory so a test can play the GPU worker.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly RenderJobSettings FastSettings = new PipelineOptions().ToJobSettings() with
    {
        RenderTimeout = TimeSpan.FromMinutes(2),
        PresignedUrlTtl = TimeSpan.FromMinutes(10),
        ReportRetryWindow = TimeSpan.FromMinutes(1),
        ActivityFirstRetry = TimeSpan.FromMilliseconds(100),
    };

    private readonly DurableTaskTestHost _host;
    private readonly HttpClient _http = new();

    private PipelineHarness(DurableTaskTestHost host, S3ServerFixture s3)
    {
        _host = host;
        S3 = s3;
    }

    public RecordingBackend Backend { get; private init; } = null!;
    public InMemoryLeaseJournal Journal { get; private init; } = null!;
    public CapturingRenderQueue Queue { get; private init; } = null!;
    public S3ServerFixture S3 { get; }
    public DurableTaskClient Client => _host.Client;
    public IObjectStore Store => _host.Services.GetRequiredService<IObjectStore>();
    public JobPoller Poller => _host.Services.GetRequiredService<JobPoller>();
    public RenderResultRelay Relay => _host.Services.GetRequiredService<RenderResultRelay>();

    /// <summary>The poller of a restarted host: the same durable store and lease journal, nothing in memory.</summary>
    public JobPoller RestartedPoller() => ActivatorUtilities.CreateInstance<JobPoller>(_host.Services, new UnsettledLeases());

    public static async Task<PipelineHarness> StartAsync(
        S3ServerFixture s3,
        Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null
    )
    {
        var backend = new RecordingBackend();
        var queue = new CapturingRenderQueue();
        var journal = new InMemoryLeaseJournal();
        var values = new Dictionary<string, string?>
        {
            ["BACKEND_URL"] = "http://127.0.0.1:9",
            ["WORKER_TOKEN"] = "orchestration-test-token",
            ["TTS_PROVIDER"] = "espeak",
            ["S3_BUCKET"] = S3ServerFixture.Bucket,
            ["S3_REGION"] = S3ServerFixture.Region,
            ["S3_ENDPOINT"] = s3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3ServerFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3ServerFixture.SecretKey,
            ["ALLOW_LOOPBACK_URLS"] = "true",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["MAX_CONCURRENT_JOBS"] = "2",
            ["ACTIVITY_RETRY_SECONDS"] = "0.1",
            ["REPORT_RETRY_MINUTES"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddRenderJobTasks(),
            new DurableTaskTestHostOptions
            {
                Port = FreePort.Next(),
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddRenderPipeline();
                    services.Replace(ServiceDescriptor.Singleton<IBackendClient>(backend));
                    services.Replace(ServiceDescriptor.Singleton<IRenderRequestQueue>(queue));
                    services.Replace(ServiceDescriptor.Singleton<IStitchRequestQueue>(queue));
                    services.Replace(ServiceDescriptor.Singleton<ILeaseJournal>(journal));
                    configure?.Invoke(services);
                },
            }
        );
        return new PipelineHarness(host, s3)
        {
            Backend = backend,
            Queue = queue,
            Journal = journal,
        };
    }

    public static string NewJobId() => Guid.NewGuid().ToString("N")[..24];

    /// <summary>Puts a file in the bucket as the backend's uploads would be, and returns a signed GET URL like the backend's.</summary>
    public async Task<Uri> UploadInputAsync(string key, string path, string contentType)
    {
        await Store.UploadFileAsync(key, path, contentType, CancellationToken.None);
        return Store.PresignGet(key, TimeSpan.FromMinutes(10));
    }

    public LeasedJob TextJob(string jobId, Uri imageUrl, string text = "Hello from the orchestration test.") =>
        new()
        {
            Id = jobId,
            Namespace = "u1",
            ImageUrl = imageUrl,
            Text = text,
            VoiceId = "en_female_1",
        };

    /// <summary>Queues a text job with the sample portrait, as the backend would hand it out, and starts it.</summary>
    public async Task<(string JobId, string InstanceId)> StartTextJobAsync(RenderJobSettings? settings = null)
    {
        var jobId = NewJobId();
        var imageUrl = await UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        return (jobId, await StartAsync(TextJob(jobId, imageUrl), settings));
    }

    public Task<string> StartAsync(LeasedJob job, RenderJobSettings? settings = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RenderJob),
            new RenderJobInput(job, settings ?? FastSettings),
            new StartOrchestrationOptions(RenderJobInstance.IdFor(job.Id))
        );

    /// <summary>Plays the GPU worker: waits for the job's request, uploads a "video" and poster, returns the request.</summary>
    public async Task<RenderRequest> RenderAsync(string jobId, bool uploadVideo = true)
    {
        var request = await Eventually.ValueAsync(
            () => Task.FromResult(Queue.Requests.GetValueOrDefault(jobId)),
            TimeSpan.FromSeconds(60),
            $"a render request for job {jobId}"
        );
        if (uploadVideo)
        {
            await PutAsync(request.VideoUploadUrl, "video/mp4", "not really an mp4, the pipeline only moves it"u8.ToArray());
            await PutAsync(request.PosterUploadUrl!, "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0]);
        }
        return request;
    }

    public async Task<byte[]> GetAsync(Uri url) => await _http.GetByteArrayAsync(url);

    public async Task PutAsync(Uri url, string contentType, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _http.PutAsync(url, content);
        response.EnsureSuccessStatusCode();
    }

    public static RenderResult Succeeded(RenderRequest request, double durationSec = 3.2) =>
        Succeeded(request.InstanceId, request.JobId, durationSec) with
        {
            RequestId = request.RequestId,
        };

    /// <summary>A worker's success: 740 ms of renderer time (prepare + render).</summary>
    public static RenderResult Succeeded(string instanceId, string jobId, double durationSec = 3.2) =>
        new()
        {
            InstanceId = instanceId,
            JobId = jobId,
            Status = RenderStatus.Succeeded,
            Renderer = Renderer.Ffmpeg,
            DurationSec = durationSec,
            Timings = new RenderTimings
            {
                PrepareMs = 40,
                RenderMs = 700,
                UploadMs = 30,
                TotalMs = 800,
            },
        };

    public Task RaiseAsync(RenderResult result) =>
        Client.RaiseEventAsync(result.InstanceId, RenderJobInstance.RenderCompletedEvent, result);

    public async Task<(OrchestrationMetadata Instance, RenderJobOutcome Outcome)> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var instance = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{instanceId} ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}"
        );
        return (instance, instance.ReadOutputAs<RenderJobOutcome>()!);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }
}
