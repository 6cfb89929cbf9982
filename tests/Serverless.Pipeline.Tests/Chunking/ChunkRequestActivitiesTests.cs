using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Storage;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.Pipeline.Tests.Orchestration;

namespace Serverless.Pipeline.Tests.Chunking;

/// <summary>The requests of a split job carry per-chunk presigned URLs for keys under the job's work folder.</summary>
public sealed class ChunkRequestActivitiesTests : IDisposable
{
    private const string JobId = "665f1c2e9b1d8a0012345678";
    private static readonly DateTimeOffset s_deadline = DateTimeOffset.Parse("2030-01-01T00:00:00Z");
    private readonly ServiceProvider _services = PipelineServices.Build(
        ("S3_ENDPOINT", "http://127.0.0.1:9"),
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
    );
    private readonly CapturingRenderQueue _queues = new();

    private IObjectStore Store => _services.GetRequiredService<IObjectStore>();

    private static RequestRenderInput Render =>
        new(
            JobId,
            $"render-{JobId}",
            $"work/{JobId}/image",
            $"work/{JobId}/audio.mp3",
            s_deadline,
            TimeSpan.FromMinutes(60),
            new RenderOptions { MaxAudioSeconds = 90 }
        );

    [Fact]
    public async Task A_planned_render_is_the_usual_request_plus_the_limit_and_an_upload_url_for_the_prepared_speech()
    {
        await new RequestPlannedRender(Store, _queues, NullLogger<RequestPlannedRender>.Instance).RunAsync(
            new RequestPlannedRenderInput(Render, 15),
            default
        );

        var request = Assert.Single(_queues.Renders);
        Assert.Equal(15, request.Chunking!.MaxChunkSeconds);
        Assert.Equal($"/talking-head-test/work/{JobId}/speech16k.wav", request.Chunking.SpeechUploadUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/work/{JobId}/audio.mp3", request.AudioUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/{JobKeys.RenderedVideo(JobId)}", request.VideoUploadUrl.AbsolutePath);
        Assert.Equal(90, request.Options.MaxAudioSeconds);
        Assert.Null(request.Chunk);
    }

    [Fact]
    public async Task A_zero_limit_sends_a_plain_render_request()
    {
        await new RequestPlannedRender(Store, _queues, NullLogger<RequestPlannedRender>.Instance).RunAsync(
            new RequestPlannedRenderInput(Render, 0),
            default
        );

        Assert.Null(Assert.Single(_queues.Renders).Chunking);
    }

    [Fact]
    public async Task A_chunk_request_reads_its_own_audio_writes_its_own_video_and_names_the_plans_renderer()
    {
        var input = new RequestChunkRenderInput(
            JobId,
            $"render-{JobId}",
            $"work/{JobId}/image",
            "0123456789abcdef",
            1,
            3,
            Renderer.SadTalker,
            s_deadline,
            TimeSpan.FromMinutes(60),
            new RenderOptions { ForceSadTalker = false }
        );

        await new RequestChunkRender(Store, _queues, NullLogger<RequestChunkRender>.Instance).RunAsync(input, default);

        var request = Assert.Single(_queues.Renders);
        Assert.Equal($"/talking-head-test/work/{JobId}/chunks/0123456789abcdef/1.wav", request.AudioUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/work/{JobId}/chunks/0123456789abcdef/1.mp4", request.VideoUploadUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/work/{JobId}/chunks/0123456789abcdef/1.mp4", request.Chunk!.ExistingVideoUrl!.AbsolutePath);
        Assert.Equal((1, 3), (request.Chunk.Index, request.Chunk.Count));
        Assert.Null(request.PosterUploadUrl);
        Assert.Equal(Renderer.SadTalker, request.Options.Renderer);
        Assert.Null(request.Chunking);
    }

    [Fact]
    public async Task A_stitch_request_lists_the_chunk_videos_in_plan_order_and_writes_where_a_normal_render_does()
    {
        var plan = SpeechWavs.ThreeChunks(70_400);
        var input = new RequestStitchInput(
            JobId,
            $"render-{JobId}",
            $"work/{JobId}/audio.mp3",
            plan,
            Renderer.SadTalker,
            s_deadline,
            TimeSpan.FromMinutes(60),
            new RenderOptions()
        );

        await new RequestStitch(Store, _queues, NullLogger<RequestStitch>.Instance).RunAsync(input, default);

        var request = Assert.Single(_queues.Stitches);
        Assert.Equal(
            [0, 1, 2],
            request.ChunkVideoUrls.Select(u =>
                int.Parse(Path.GetFileNameWithoutExtension(u.AbsolutePath), System.Globalization.CultureInfo.InvariantCulture)
            )
        );
        Assert.All(
            request.ChunkVideoUrls,
            u => Assert.StartsWith($"/talking-head-test/work/{JobId}/chunks/{plan.Fingerprint()}/", u.AbsolutePath)
        );
        Assert.Equal($"/talking-head-test/work/{JobId}/audio.mp3", request.AudioUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/{JobKeys.RenderedVideo(JobId)}", request.VideoUploadUrl.AbsolutePath);
        Assert.Equal($"/talking-head-test/{JobKeys.RenderedPoster(JobId)}", request.PosterUploadUrl!.AbsolutePath);
        Assert.Same(plan, request.Plan);
        Assert.Equal(Renderer.SadTalker, request.Options.Renderer);
    }

    [Fact]
    public async Task A_stitch_request_of_the_most_chunks_a_plan_has_fits_in_a_queue_message()
    {
        const int chunks = 32; // ChunkTiming.MaxChunks on the worker side
        const long each = 18 * 16_000;
        var plan = new ChunkPlan
        {
            SampleRate = 16_000,
            TotalSamples = chunks * each,
            Chunks =
            [
                .. Enumerable
                    .Range(0, chunks)
                    .Select(i => new PlannedChunk
                    {
                        Index = i,
                        StartSample = i * each,
                        EndSample = (i + 1) * each,
                        AudioStartSample = Math.Max(0, i * each - 1280),
                        AudioEndSample = Math.Min(chunks * each, (i + 1) * each + 1920),
                        EndsInPause = i < chunks - 1,
                    }),
            ],
        };
        Assert.Null(plan.Problem());
        var input = new RequestStitchInput(
            JobId,
            $"render-{JobId}",
            $"work/{JobId}/audio.mp3",
            plan,
            Renderer.SadTalker,
            s_deadline,
            TimeSpan.FromMinutes(60),
            new RenderOptions { SadTalkerArgs = "--still" }
        );

        await new RequestStitch(Store, _queues, NullLogger<RequestStitch>.Instance).RunAsync(input, default);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(RenderQueueJson.Serialize(Assert.Single(_queues.Stitches)));
        Assert.True(bytes < 48 * 1024, $"{bytes} bytes: an Azure Storage queue message holds at most 64 KB");
    }

    public void Dispose() => _services.Dispose();
}
