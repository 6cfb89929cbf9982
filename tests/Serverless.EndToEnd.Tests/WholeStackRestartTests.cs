namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The whole local stack stopped as a service manager stops it and started again, Azurite and S3 included (the
/// backend is the web app's and stays up): the job in flight still finishes, with one report.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WholeStackRestartTests(LocalStack stack)
{
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 180_000)]
    public async Task The_whole_stack_stopped_and_started_again_with_Azurite_finishes_the_job_that_was_in_flight()
    {
        var fault = stack.Faults.Inject("whole stack stopped and started again mid-job, Azurite included");
        using var sadTalker = new SadTalkerProbe();
        try
        {
            await stack.RenderWorker.RestartAsync(sadTalker.HangingWorker(visibilityTimeoutSeconds: 4));
            var jobId = await stack.QueueTextJobAsync("In flight while the whole stack restarts.");
            await sadTalker.WaitUntilRenderingAsync(LocalStack.JobTimeout);

            Assert.True(
                await stack.PipelineHost.StopAsync(s_stopGrace),
                $"The pipeline host did not stop within {s_stopGrace} of SIGTERM."
            );
            await stack.RenderWorker.KillAsync();
            Assert.True(await stack.Azurite.StopAsync(), "Azurite did not stop by itself, so it may not have saved its data.");
            await stack.S3.StopAsync();

            await Task.WhenAll(stack.Azurite.StartAsync(), stack.S3.StartAsync());
            await Task.WhenAll(stack.RenderWorker.StartAsync(), stack.PipelineHost.StartAsync());

            var report = JobAssert.Succeeded(await stack.WaitForEndAsync(jobId));
            Assert.Equal("sadtalker", report.Output!.Renderer);
            stack.Faults.Survived(fault);
        }
        finally
        {
            await stack.RestoreAsync();
        }
    }
}
