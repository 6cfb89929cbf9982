using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Contracts;
using Serverless.Pipeline.Chunking;
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

        var output = await new SplitSpeech(
            Store,
            _services.GetRequiredService<IHttpClientFactory>(),
            NullLogger<SplitSpeech>.Instance
        ).RunAsync(new SplitSpeechInput(_jobId, plan), default);

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

        await Assert.ThrowsAsync<PermanentFailureException>(() =>
            new SplitSpeech(Store, _services.GetRequiredService<IHttpClientFactory>(), NullLogger<SplitSpeech>.Instance).RunAsync(
                new SplitSpeechInput(_jobId, plan),
                default
            )
        );
    }

    public async Task DisposeAsync()
    {
        await Store.DeletePrefixAsync($"work/{_jobId}/", default);
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
