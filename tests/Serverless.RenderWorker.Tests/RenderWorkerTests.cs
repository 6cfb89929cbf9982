using Microsoft.Extensions.Time.Testing;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class RenderWorkerTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 120_000)]
    public async Task A_request_becomes_a_succeeded_result_with_the_video_and_poster_uploaded_by_the_real_engine()
    {
        // The real engine with SadTalker missing: "auto" animates the portrait on the CPU.
        await StartWorkerAsync(
            renderer: null,
            ("SADTALKER_CMD", "/nonexistent/sadtalker"),
            ("FFMPEG_CMD", "ffmpeg"),
            ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "60")
        );
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId));

        var result = await Env.Results.TakeResultAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.Status == RenderStatus.Succeeded, $"render failed: {result.Error}\n{result.Error?.StderrTail}");
        Assert.Equal((jobId, $"instance-{jobId}"), (result.JobId, result.InstanceId));
        Assert.Equal(Renderer.Animator, result.Renderer);
        Assert.Null(result.FallbackReason);
        Assert.InRange(result.DurationSec ?? 0, 1.0, 2.5);
        Assert.Equal(1, result.DeliveryCount);
        Assert.True(result.Timings.TotalMs >= result.Timings.RenderMs && result.Timings.RenderMs > 0);
        Assert.True(TestMedia.IsMp4(await Env.TryGetObjectAsync(WorkerEnvironment.VideoKey(jobId))), "an MP4 was uploaded");
        Assert.True(TestMedia.IsJpeg(await Env.TryGetObjectAsync(WorkerEnvironment.PosterKey(jobId))), "a JPEG poster was uploaded");
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_becomes_a_succeeded_result_with_timings_and_outputs_uploaded_with_their_content_types()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer);
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Equal(Renderer.Ffmpeg, result.Renderer);
        Assert.Equal(1.5, result.DurationSec);
        Assert.Equal((1, 2), (result.Timings.PrepareMs, result.Timings.RenderMs));
        Assert.True(result.Timings.TotalMs >= result.Timings.DownloadMs + result.Timings.UploadMs);
        using var video = await Env.S3.GetObjectAsync(Serverless.TestFixtures.S3ServerFixture.Bucket, WorkerEnvironment.VideoKey(jobId));
        Assert.Equal("video/mp4", video.Headers.ContentType);
        using var poster = await Env.S3.GetObjectAsync(Serverless.TestFixtures.S3ServerFixture.Bucket, WorkerEnvironment.PosterKey(jobId));
        Assert.Equal("image/jpeg", poster.Headers.ContentType);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
        Assert.Equal(1, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_whose_input_is_gone_is_answered_download_failed_without_rendering_and_without_leaking_the_signature()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer);
        var jobId = NewJobId();
        var request = await Env.StageRequestAsync(jobId) with
        {
            ImageUrl = Env.Presign($"work/{jobId}/missing.png", Amazon.S3.HttpVerb.GET),
        };
        await Env.SendAsync(request);

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Failed, result.Status);
        Assert.Equal(RenderErrorCode.DownloadFailed, result.Error?.Code);
        Assert.Contains("404", result.Error!.Message);
        Assert.DoesNotContain("Signature", result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_past_its_deadline_is_answered_deadline_exceeded_without_rendering()
    {
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId(), deadlineIn: TimeSpan.FromMinutes(-1)));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderErrorCode.DeadlineExceeded, result.Error?.Code);
        Assert.Equal(0, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_render_that_outlives_its_deadline_uploads_nothing_and_answers_deadline_exceeded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var renderer = new FakeVideoRenderer { Gated = true };
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId, deadlineIn: TimeSpan.FromMinutes(30)));
        await StartWorkerAsync(renderer, time); // its polls wait on the fake clock: the request is there for the first
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        time.Advance(TimeSpan.FromMinutes(31));
        renderer.Open();
        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderErrorCode.DeadlineExceeded, result.Error?.Code);
        Assert.Null(await Env.TryGetObjectAsync(WorkerEnvironment.VideoKey(jobId)));
        Assert.Null(await Env.TryGetObjectAsync(WorkerEnvironment.PosterKey(jobId)));
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }
}
