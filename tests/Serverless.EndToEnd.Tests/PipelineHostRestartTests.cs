using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The standalone host keeps its durable state in an Azure Storage task hub (Azurite here): a job in flight when
/// the host is killed resumes once it is started again, wherever it was, and still ends in exactly one report.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PipelineHostRestartTests(LocalStack stack, ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task A_pipeline_host_killed_while_its_job_waits_for_the_render_resumes_the_job_and_gets_the_result_sent_while_it_was_down()
    {
        var fault = stack.Faults.Inject("pipeline host SIGKILLed while its job waits for the render");
        using var sadTalker = new SadTalkerProbe();
        try
        {
            await stack.RenderWorker.RestartAsync(sadTalker.HangingWorker(visibilityTimeoutSeconds: 4));
            var jobId = await stack.QueueTextJobAsync("Waiting for its render when the pipeline host dies.");
            await sadTalker.WaitUntilRenderingAsync(LocalStack.JobTimeout);

            await stack.PipelineHost.KillAsync();
            // The request is redelivered to a working SadTalker; its result lands on render-results while no host reads it.
            await stack.RenderWorker.RestartAsync();
            await stack.RenderWorker.WaitForOutputAsync($"Job {jobId} of render-{jobId} succeeded", LocalStack.JobTimeout);
            var restarted = DateTime.UtcNow;
            await stack.PipelineHost.StartAsync();

            var job = await stack.WaitForEndAsync(jobId);
            output.WriteLine(
                $"Job {jobId} reported {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the pipeline host was started again."
            );
            var report = JobAssert.Succeeded(job);
            Assert.Equal("sadtalker", report.Output!.Renderer);
            Assert.DoesNotContain("is unknown", stack.PipelineHost.Output, StringComparison.Ordinal);
            stack.Faults.Survived(fault);
        }
        finally
        {
            await stack.RenderWorker.RestoreDefaultsAsync();
            await stack.PipelineHost.RestoreDefaultsAsync();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_pipeline_host_killed_during_an_activity_runs_that_activity_again_after_the_restart_and_the_job_ends_with_one_report()
    {
        var fault = stack.Faults.Inject("pipeline host SIGKILLed during an activity (speech synthesis)");
        const string text = "Being spoken when the pipeline host dies.";
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.ElevenLabs.HoldBodyUntil = hold;
        try
        {
            var jobId = await stack.QueueTextJobAsync(text);
            await Eventually.TrueAsync(
                () => stack.ElevenLabs.SpokenTexts.Contains(text),
                LocalStack.JobTimeout,
                "ElevenLabs to be speaking the job's text"
            );

            await stack.PipelineHost.KillAsync();
            stack.ElevenLabs.HoldBodyUntil = null;
            hold.TrySetResult();
            var restarted = DateTime.UtcNow;
            await stack.PipelineHost.StartAsync();

            var job = await stack.WaitForEndAsync(jobId);
            output.WriteLine(
                $"Job {jobId} reported {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the pipeline host was started again."
            );
            JobAssert.Succeeded(job);
            // The cut-off activity ran again from the start: the text was spoken a second time.
            Assert.Equal(2, stack.ElevenLabs.SpokenTexts.Count(spoken => spoken == text));
            stack.Faults.Survived(fault);
        }
        finally
        {
            stack.ElevenLabs.HoldBodyUntil = null;
            hold.TrySetResult();
            await stack.PipelineHost.RestoreDefaultsAsync();
        }
    }
}
