namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class RenderWorkerFaultTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task A_render_worker_killed_mid_render_is_replaced_and_the_redelivered_job_completes_with_one_report()
    {
        var fault = stack.Faults.Inject("render worker SIGKILLed mid-render");
        using var sadTalker = new SadTalkerProbe();
        try
        {
            await stack.RenderWorker.RestartAsync(sadTalker.HangingWorker(visibilityTimeoutSeconds: 4));
            var jobId = await stack.QueueTextJobAsync("Killed mid-render and rendered again.");
            var child = await sadTalker.WaitUntilRenderingAsync(LocalStack.JobTimeout);

            await stack.RenderWorker.KillAsync();
            // The whole tree goes, SadTalker's children included.
            await Eventually.TrueAsync(
                () => !LinuxProcess.IsAlive(child),
                TimeSpan.FromSeconds(10),
                "SadTalker's child to be killed with the worker"
            );
            await stack.RenderWorker.StartAsync();

            var job = await stack.WaitForEndAsync(jobId);
            var report = JobAssert.Succeeded(job);
            Assert.Equal("sadtalker", report.Output!.Renderer);
            Assert.Contains($"Job {jobId} of render-{jobId} started (delivery 2)", stack.RenderWorker.Output);
            stack.Faults.Survived(fault);
        }
        finally
        {
            await stack.RenderWorker.RestoreDefaultsAsync();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task When_SadTalker_fails_the_animator_renders_the_job_and_SadTalker_stderr_secrets_stay_out_of_the_logs()
    {
        var fault = stack.Faults.Inject("SadTalker crashing with secrets in its stderr");
        await using (await stack.RenderWorker.WithAsync(new Dictionary<string, string?> { ["FAKE_SADTALKER_MODE"] = "leak_secret" }))
        {
            var jobId = await stack.QueueTextJobAsync("SadTalker crashes, the fallback renders this.");

            var job = await stack.WaitForEndAsync(jobId);
            var report = JobAssert.Succeeded(job);
            Assert.Equal("animator", report.Output!.Renderer);
            Assert.StartsWith("crash: ", report.Output.FallbackReason);
            var video = await PublishedVideo.PlayAsync(await stack.Backend.VideoUrlAsync(jobId));
            Assert.InRange(video.DurationSec, report.Output.DurationSec - 0.15, report.Output.DurationSec + 0.15);
            Assert.Contains("the animator fallback rendered the video", stack.RenderWorker.Output);
        }
        stack.Faults.Survived(fault);
    }

    [Fact(Timeout = 180_000)]
    public async Task With_FORCE_SADTALKER_a_SadTalker_failure_fails_the_job_with_its_classified_reason()
    {
        var fault = stack.Faults.Inject("SadTalker finding no face, FORCE_SADTALKER=true");
        await using (
            await stack.RenderWorker.WithAsync(
                new Dictionary<string, string?> { ["FAKE_SADTALKER_MODE"] = "no_face", ["FORCE_SADTALKER"] = "true" }
            )
        )
        {
            var jobId = await stack.QueueTextJobAsync("No face here, and no fallback allowed.");

            var job = await stack.WaitForEndAsync(jobId);
            JobAssert.Failed(job, "no_face", "SadTalker could not find a face in the portrait.");
        }
        stack.Faults.Survived(fault);
    }
}
