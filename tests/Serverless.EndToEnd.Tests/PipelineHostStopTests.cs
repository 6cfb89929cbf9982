using Serverless.DevBackend;
using Serverless.TestFixtures;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests;

/// <summary>A pipeline host stopped (SIGTERM) while a lease is in flight starts that job before it exits.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PipelineHostStopTests(LocalStack stack, ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task A_pipeline_host_stopped_while_a_lease_is_in_flight_starts_that_job_before_it_exits()
    {
        var fault = stack.Faults.Inject("pipeline host stopped while the backend holds a committed lease for 8 s");
        try
        {
            await stack.Backend.InjectAsync(new FaultRequest(LeaseDelaySeconds: 8));
            var jobId = await stack.QueueTextJobAsync("Leased while the pipeline host stops.");
            await Eventually.TrueAsync(
                async () => (await stack.Backend.GetAsync(jobId)).Status == "running",
                LocalStack.JobTimeout,
                "the job to be leased"
            );

            var stopping = DateTime.UtcNow;
            var exitedByItself = await stack.PipelineHost.StopAsync(TimeSpan.FromSeconds(90));
            output.WriteLine($"The pipeline host exited {(DateTime.UtcNow - stopping).TotalSeconds:F1} s after SIGTERM.");

            Assert.True(exitedByItself);
            var log = await File.ReadAllTextAsync(stack.PipelineHost.LogPath);
            Assert.Contains($"Started RenderJob render-{jobId} for job {jobId}", log, StringComparison.Ordinal);
            await stack.PipelineHost.StartAsync();
            JobAssert.Succeeded(await stack.WaitForEndAsync(jobId));
            stack.Faults.Survived(fault);
        }
        finally
        {
            await stack.PipelineHost.RestoreDefaultsAsync();
        }
    }
}
