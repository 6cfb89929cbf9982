using Amazon.S3;
using Amazon.S3.Model;
using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>Planned renders, chunk renders and stitches through the real queues and presigned S3 URLs.</summary>
public sealed class ChunkingWorkerTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    // Any program on PATH makes SadTalker "installed"; the fake renderer never runs it.
    private static readonly (string, string?) s_sadTalkerInstalled = ("SADTALKER_CMD", "sh");

    [Fact(Timeout = 60_000)]
    public async Task Long_speech_with_a_chunk_limit_is_planned_and_its_prepared_speech_uploaded_instead_of_rendered()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer, s_sadTalkerInstalled);
        var jobId = NewJobId();
        var request = await StageAsync(jobId, TimeSpan.FromSeconds(40)) with { Chunking = Chunking(jobId, 15) };
        await Env.SendAsync(request);

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.True(result.Status == RenderStatus.Planned, $"{result.Status}: {result.Error}");
        Assert.Equal(0, renderer.Calls);
        Assert.Equal(Renderer.SadTalker, result.Renderer);
        var plan = result.Plan!;
        Assert.Null(plan.Problem());
        Assert.Equal((16_000, 640_000L, 3), (plan.SampleRate, plan.TotalSamples, plan.Chunks.Count));
        Assert.Equal(40, result.DurationSec);
        using var speech = await Env.S3.GetObjectAsync(S3ServerFixture.Bucket, SpeechKey(jobId));
        Assert.Equal(RenderMediaTypes.Speech, speech.Headers.ContentType);
        using var copy = new MemoryStream();
        await speech.ResponseStream.CopyToAsync(copy);
        Assert.Equal(plan.TotalSamples, Pcm16Wav.Read(copy).Samples);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task Speech_within_the_chunk_limit_is_rendered_in_the_same_hop_and_nothing_is_planned()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer, s_sadTalkerInstalled);
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId) with { Chunking = Chunking(jobId, 15) });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Null(result.Plan);
        Assert.Equal(1, renderer.Calls);
        Assert.Null(await Env.TryGetObjectAsync(SpeechKey(jobId)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Long_speech_is_rendered_whole_when_the_still_image_renderer_would_render_it()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer, ("SADTALKER_CMD", "/nonexistent/sadtalker"));
        var jobId = NewJobId();
        await Env.SendAsync(await StageAsync(jobId, TimeSpan.FromSeconds(40)) with { Chunking = Chunking(jobId, 15) });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Null(result.Plan);
        Assert.Equal(1, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_chunk_whose_video_is_already_uploaded_is_answered_with_its_index_without_rendering_it_again()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer, s_sadTalkerInstalled);
        var jobId = NewJobId();
        var request = await StageAsync(jobId, TimeSpan.FromSeconds(2)) with
        {
            Chunk = Chunk(jobId, 1, 3),
            Options = new RenderOptions { Renderer = Renderer.SadTalker },
        };
        await PutAsync(
            WorkerEnvironment.VideoKey(jobId),
            await TestMedia.VideoAsync("testsrc2=size=128x128:rate=25", 0, 50),
            RenderMediaTypes.Video
        );
        await Env.SendAsync(request);

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.True(result.Status == RenderStatus.Succeeded, $"{result.Status}: {result.Error}");
        Assert.Equal((1, 3), (result.ChunkIndex, result.ChunkCount));
        Assert.Equal(Renderer.SadTalker, result.Renderer);
        Assert.InRange(result.DurationSec ?? 0, 1.9, 2.1);
        Assert.Equal(0, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_chunk_not_yet_rendered_is_rendered_and_even_its_failure_names_the_chunk()
    {
        var renderer = new FakeVideoRenderer().ThenFail(RenderErrorCode.NoFace);
        await StartWorkerAsync(renderer, s_sadTalkerInstalled);
        var jobId = NewJobId();
        await Env.SendAsync(await StageAsync(jobId, TimeSpan.FromSeconds(2)) with { Chunk = Chunk(jobId, 2, 3) });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderErrorCode.NoFace, result.Error?.Code);
        Assert.Equal((2, 3), (result.ChunkIndex, result.ChunkCount));
        Assert.Equal(1, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_render_requests_id_is_echoed_in_its_answer_even_in_a_failure()
    {
        var renderer = new FakeVideoRenderer().ThenFail(RenderErrorCode.NoFace);
        await StartWorkerAsync(renderer, s_sadTalkerInstalled);
        var jobId = NewJobId();
        await Env.SendAsync(await StageAsync(jobId, TimeSpan.FromSeconds(2)) with { RequestId = "fallback-1234" });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderErrorCode.NoFace, result.Error?.Code);
        Assert.Equal("fallback-1234", result.RequestId);
        Assert.Null(result.ChunkIndex);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stitch_request_joins_the_chunk_videos_under_the_original_speech_and_uploads_video_and_poster()
    {
        await StartWorkerAsync(renderer: null, ("SADTALKER_CMD", "/nonexistent/sadtalker"), ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "60"));
        var jobId = NewJobId();
        var staged = await StageAsync(jobId, TimeSpan.FromSeconds(9));
        var plan = ChunkPlanner.Plan(9 * 16_000, 16_000, [], 5);
        var urls = new List<Uri>();
        foreach (var chunk in plan.Chunks)
        {
            var key = $"work/{jobId}/chunks/{chunk.Index}.mp4";
            await PutAsync(
                key,
                await TestMedia.VideoAsync(
                    "testsrc2=size=256x256:rate=25",
                    StitchGraph.FirstFrame(chunk, 640),
                    StitchGraph.Frames(chunk, 640)
                ),
                RenderMediaTypes.Video
            );
            urls.Add(Env.Presign(key, HttpVerb.GET));
        }
        var stitch = new StitchRequest
        {
            JobId = jobId,
            InstanceId = staged.InstanceId,
            AudioUrl = staged.AudioUrl,
            Plan = plan,
            ChunkVideoUrls = urls,
            VideoUploadUrl = staged.VideoUploadUrl,
            PosterUploadUrl = staged.PosterUploadUrl,
            Options = new RenderOptions { Renderer = Renderer.SadTalker },
            Deadline = staged.Deadline,
        };
        await Env.Requests.SendMessageAsync(RenderQueueJson.Serialize(stitch));

        var result = await Env.Results.TakeResultAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.Status == RenderStatus.Succeeded, $"stitch failed: {result.Error}\n{result.Error?.StderrTail}");
        Assert.Equal(2, result.StitchedChunks);
        Assert.Equal(Renderer.SadTalker, result.Renderer);
        Assert.InRange(result.DurationSec ?? 0, 8.9, 9.1);
        var video = await Env.TryGetObjectAsync(WorkerEnvironment.VideoKey(jobId));
        Assert.True(TestMedia.IsMp4(video), "an MP4 was uploaded");
        var path = Path.Combine(Path.GetTempPath(), $"stitched-{jobId}.mp4");
        await File.WriteAllBytesAsync(path, video!);
        try
        {
            Assert.InRange((await Ffprobe.ProbeAsync(path)).DurationSec, 8.9, 9.1);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.True(TestMedia.IsJpeg(await Env.TryGetObjectAsync(WorkerEnvironment.PosterKey(jobId))), "a JPEG poster was uploaded");
    }

    private static string SpeechKey(string jobId) => $"work/{jobId}/speech16k.wav";

    private ChunkingRequest Chunking(string jobId, double seconds) =>
        new() { MaxChunkSeconds = seconds, SpeechUploadUrl = Env.Presign(SpeechKey(jobId), HttpVerb.PUT) };

    private RenderChunk Chunk(string jobId, int index, int count) =>
        new()
        {
            Index = index,
            Count = count,
            ExistingVideoUrl = Env.Presign(WorkerEnvironment.VideoKey(jobId), HttpVerb.GET),
        };

    /// <summary>The usual staged request with its audio replaced by a 16 kHz tone of this length.</summary>
    private async Task<RenderRequest> StageAsync(string jobId, TimeSpan audio)
    {
        var request = await Env.StageRequestAsync(jobId);
        await PutAsync($"work/{jobId}/audio.wav", TestMedia.SineWav(audio), "audio/wav");
        return request;
    }

    private async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        using var body = new MemoryStream(bytes);
        await Env.S3.PutObjectAsync(
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
}
