using Amazon.S3;
using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>A request's deadline stops every kind of request at every step: a hanging ffmpeg cannot hold the job (and its GPU) for ever.</summary>
public sealed class JobDeadlineTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    private static readonly TimeSpan DeadlineIn = TimeSpan.FromSeconds(4);

    [Theory(Timeout = 90_000)]
    [InlineData("render")]
    [InlineData("chunk")]
    [InlineData("plan")]
    [InlineData("stitch")]
    public async Task A_request_whose_ffmpeg_hangs_is_stopped_at_its_deadline_answered_deadline_exceeded_and_its_message_settled(
        string kind
    )
    {
        using var hanging = HangingProgram.Create();
        await StartWorkerAsync(
            renderer: null,
            ("FFMPEG_CMD", hanging.Command),
            ("FFPROBE_CMD", hanging.Command),
            ("SADTALKER_CMD", "/nonexistent/sadtalker"),
            // Renewed every second: a job that outlived its deadline would keep its message.
            ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "3")
        );
        var jobId = NewJobId();
        var (message, deadline) = await RequestAsync(kind, jobId);
        await Env.Requests.SendMessageAsync(message);

        var result = await Env.Results.TakeResultAsync(DeadlineIn + TimeSpan.FromSeconds(30));

        Assert.True(result.Error?.Code == RenderErrorCode.DeadlineExceeded, $"{result.Status}: {result.Error}");
        Assert.Equal(jobId, result.JobId);
        var late = DateTimeOffset.UtcNow - deadline;
        Output.WriteLine($"{kind}: answered {late.TotalSeconds:0.00} s after its deadline");
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.NotEmpty(hanging.Pids);
        await Eventually.TrueAsync(() => hanging.Running.Count == 0, TimeSpan.FromSeconds(10), "every ffmpeg and its child to be killed");
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
        Assert.Null(await Env.TryGetObjectAsync(WorkerEnvironment.VideoKey(jobId)));
    }

    /// <summary>The request of this kind, its deadline <see cref="DeadlineIn"/> from now.</summary>
    private async Task<(string Message, DateTimeOffset Deadline)> RequestAsync(string kind, string jobId)
    {
        var staged = await Env.StageRequestAsync(jobId);
        if (kind == "stitch")
        {
            var stitch = await StitchAsync(staged);
            return (RenderQueueJson.Serialize(stitch), stitch.Deadline);
        }
        var request = staged with { Deadline = DateTimeOffset.UtcNow + DeadlineIn };
        var message = RenderQueueJson.Serialize(
            kind switch
            {
                "chunk" => request with
                {
                    Chunk = new RenderChunk
                    {
                        Index = 0,
                        Count = 2,
                        ExistingVideoUrl = Env.Presign(WorkerEnvironment.VideoKey(jobId), HttpVerb.GET),
                    },
                },
                "plan" => request with
                {
                    Options = new RenderOptions { Renderer = Renderer.SadTalker },
                    Chunking = new ChunkingRequest
                    {
                        MaxChunkSeconds = 1,
                        SpeechUploadUrl = Env.Presign($"work/{jobId}/speech16k.wav", HttpVerb.PUT),
                    },
                },
                _ => request,
            }
        );
        return (message, request.Deadline);
    }

    /// <summary>A stitch of two chunk videos that pass the stitcher's own checks, so that it reaches ffmpeg.</summary>
    private async Task<StitchRequest> StitchAsync(RenderRequest staged)
    {
        var plan = ChunkPlanner.Plan(4 * 16_000, 16_000, [], 2);
        await Env.PutAsync($"work/{staged.JobId}/audio.wav", TestMedia.SineWav(TimeSpan.FromSeconds(4)), "audio/wav");
        var urls = new List<Uri>();
        foreach (var chunk in plan.Chunks)
        {
            var key = $"work/{staged.JobId}/chunks/{chunk.Index}.mp4";
            var video = await TestMedia.VideoAsync(
                "testsrc2=size=64x64:rate=25",
                StitchGraph.FirstFrame(chunk, 640),
                StitchGraph.Frames(chunk, 640)
            );
            await Env.PutAsync(key, video, RenderMediaTypes.Video);
            urls.Add(Env.Presign(key, HttpVerb.GET));
        }
        return new StitchRequest
        {
            JobId = staged.JobId,
            InstanceId = staged.InstanceId,
            AudioUrl = staged.AudioUrl,
            Plan = plan,
            ChunkVideoUrls = urls,
            VideoUploadUrl = staged.VideoUploadUrl,
            PosterUploadUrl = staged.PosterUploadUrl,
            Options = new RenderOptions { Renderer = Renderer.SadTalker },
            Deadline = DateTimeOffset.UtcNow + DeadlineIn,
        };
    }
}
