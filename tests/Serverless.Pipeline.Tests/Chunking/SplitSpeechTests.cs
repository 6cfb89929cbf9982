using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Storage;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class SplitSpeechTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>, IAsyncLifetime
{
    private readonly string _jobId = Guid.NewGuid().ToString("N")[..24];
    private readonly string _dir = Directory.CreateTempSubdirectory("split-speech-test-").FullName;
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

    private IObjectStore Store => _services.GetRequiredService<IObjectStore>();

    [Fact(Timeout = 30_000)]
    public async Task The_planned_speech_in_S3_becomes_one_audio_object_per_chunk_under_the_job_folder()
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037);
        var plan = SpeechWavs.ThreeChunks(Pcm16Wav.Read(speech).Samples);
        await Store.UploadFileAsync(ChunkKeys.Speech(_jobId), speech, RenderMediaTypes.Speech, default);

        var output = await SplitSpeech(Store).RunAsync(new SplitSpeechInput(_jobId, plan), default);

        var planId = plan.Fingerprint();
        Assert.Equal(
            [$"work/{_jobId}/chunks/{planId}/0.wav", $"work/{_jobId}/chunks/{planId}/1.wav", $"work/{_jobId}/chunks/{planId}/2.wav"],
            output.ChunkAudioKeys
        );
        foreach (var chunk in plan.Chunks)
        {
            var info = await Store.GetInfoAsync(output.ChunkAudioKeys[chunk.Index], default);
            Assert.Equal(
                new ObjectInfo(output.ChunkAudioKeys[chunk.Index], Pcm16Wav.HeaderBytes + chunk.AudioSamples * 2, RenderMediaTypes.Speech),
                info
            );
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Speech_that_does_not_fit_the_plan_is_a_permanent_failure()
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037);
        await Store.UploadFileAsync(ChunkKeys.Speech(_jobId), speech, RenderMediaTypes.Speech, default);
        var plan = SpeechWavs.ThreeChunks(Pcm16Wav.Read(speech).Samples + 640);

        await Assert.ThrowsAsync<PermanentFailureException>(() => SplitSpeech(Store).RunAsync(new SplitSpeechInput(_jobId, plan), default));
    }

    [Fact(Timeout = 30_000)]
    public async Task Speech_larger_than_max_audio_bytes_is_a_permanent_failure_and_is_not_split()
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037);
        await Store.UploadFileAsync(ChunkKeys.Speech(_jobId), speech, RenderMediaTypes.Speech, default);
        var plan = SpeechWavs.ThreeChunks(Pcm16Wav.Read(speech).Samples);

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            SplitSpeech(Store, maxAudioBytes: 10_000).RunAsync(new SplitSpeechInput(_jobId, plan), default)
        );

        Assert.Contains("larger than the limit of 10000 bytes", error.Message);
        Assert.Null(await Store.GetInfoAsync(ChunkKeys.ChunkAudio(_jobId, plan.Fingerprint(), 0), default));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_speech_body_that_stalls_times_out_instead_of_hanging_the_activity()
    {
        var stalled = new TaskCompletionSource();
        await using var s3Stub = await LoopbackServer.StartAsync(app =>
            app.MapGet(
                "/{**key}",
                async (HttpContext context) =>
                {
                    context.Response.ContentType = "audio/wav";
                    context.Response.ContentLength = 1_000_000;
                    await context.Response.Body.WriteAsync(new byte[100]);
                    await context.Response.Body.FlushAsync();
                    stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
            )
        );
        await using var services = PipelineServices.Build(
            ("S3_BUCKET", S3ServerFixture.Bucket),
            ("S3_ENDPOINT", s3Stub.BaseUrl.ToString().TrimEnd('/')),
            ("S3_REGION", S3ServerFixture.Region),
            ("AWS_ACCESS_KEY_ID", S3ServerFixture.AccessKey),
            ("AWS_SECRET_ACCESS_KEY", S3ServerFixture.SecretKey)
        );
        var plan = SpeechWavs.ThreeChunks(16_000 * 4);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            SplitSpeech(services.GetRequiredService<IObjectStore>(), timeoutSeconds: 2)
                .RunAsync(new SplitSpeechInput(_jobId, plan), default)
        );

        Assert.True(stalled.Task.IsCompleted, "the stub never sent the start of the body");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    private static SplitSpeech SplitSpeech(IObjectStore store, long maxAudioBytes = 100 * 1024 * 1024, int timeoutSeconds = 60) =>
        new(
            store,
            Options.Create(new PipelineOptions { MaxAudioBytes = maxAudioBytes }),
            Options.Create(new DownloadOptions { TimeoutSeconds = timeoutSeconds }),
            NullLogger<SplitSpeech>.Instance
        );

    public async Task DisposeAsync()
    {
        await Store.DeletePrefixAsync($"work/{_jobId}/", default);
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
