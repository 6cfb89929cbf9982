namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The standalone host keeps its durable state in memory (README, "Limits worth knowing"): what a restart does to
/// the job in flight, asserted as it actually happens, and that the restarted host carries on.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PipelineHostRestartTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task A_pipeline_host_killed_mid_job_orphans_that_job_and_the_restarted_host_runs_the_next_one()
    {
        stack.Faults.Inject("pipeline host SIGKILLed mid-job (in-memory durable engine)");
        using var sadTalker = new SadTalkerProbe();
        try
        {
            await stack.RenderWorker.RestartAsync(sadTalker.HangingWorker(visibilityTimeoutSeconds: 4));
            var orphan = await stack.QueueTextJobAsync("In flight when the pipeline host dies.");
            await sadTalker.WaitUntilRenderingAsync(LocalStack.JobTimeout);

            await stack.PipelineHost.RestartAsync();
            stack.Faults.ExpectLost(orphan, "in flight when the in-memory pipeline host was killed");
            await stack.RenderWorker.RestartAsync();

            // The request is redelivered and rendered, but the new host has no instance to hand the result to.
            await stack.PipelineHost.WaitForOutputAsync(
                $"Ignored a render result for job {orphan}: instance render-{orphan} is unknown", LocalStack.JobTimeout);
            var lost = await stack.Backend.GetAsync(orphan);
            Assert.Equal("running", lost.Status);
            Assert.Empty(lost.ReportAttempts);

            var next = await stack.QueueTextJobAsync("The restarted host takes the next job.");
            JobAssert.Succeeded(await stack.WaitForEndAsync(next));
        }
        finally
        {
            await stack.RenderWorker.RestoreDefaultsAsync();
        }
    }
}
