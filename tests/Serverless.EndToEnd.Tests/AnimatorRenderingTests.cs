namespace Serverless.EndToEnd.Tests;

/// <summary>The CPU animator on the real stack: where SadTalker is missing, and where it fails.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AnimatorRenderingTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task A_worker_without_SadTalker_renders_a_talking_portrait_with_the_animator_and_reports_it_once()
    {
        await using (await stack.RenderWorker.WithAsync(new Dictionary<string, string?> { ["SADTALKER_CMD"] = "sadtalker-not-installed" }))
        {
            var jobId = await stack.QueueTextJobAsync("No graphics card here, and the portrait still talks.");

            var job = await stack.WaitForEndAsync(jobId);
            var report = JobAssert.Succeeded(job);
            Assert.Equal("animator", report.Output!.Renderer);
            Assert.Null(report.Output.FallbackReason);
            var (video, frames) = await PublishedVideo.PlayFramesAsync(await stack.Backend.VideoUrlAsync(jobId));
            Assert.InRange(video.DurationSec, report.Output.DurationSec - 0.15, report.Output.DurationSec + 0.15);
            // A still picture's frames are all alike; the animator's mouth and head move.
            Assert.True(
                frames.Skip(1).Max(f => PublishedVideo.Difference(frames[0], f)) > 0.5,
                "the frames of the animator's video should not all be the same"
            );
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Where_SadTalker_finds_no_face_the_job_gets_the_still_image_with_the_reason()
    {
        var fault = stack.Faults.Inject("SadTalker finding no face, animator allowed");
        await using (await stack.RenderWorker.WithAsync(new Dictionary<string, string?> { ["FAKE_SADTALKER_MODE"] = "no_face" }))
        {
            var jobId = await stack.QueueTextJobAsync("SadTalker sees no face, so the picture stays still.");

            var job = await stack.WaitForEndAsync(jobId);
            var report = JobAssert.Succeeded(job);
            Assert.Equal("ffmpeg", report.Output!.Renderer);
            Assert.StartsWith("no_face: ", report.Output.FallbackReason);
            Assert.Contains("the ffmpeg fallback rendered the video", stack.RenderWorker.Output);
        }
        stack.Faults.Survived(fault);
    }
}
