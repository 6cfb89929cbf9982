namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class StorageFaultTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task An_S3_outage_of_a_few_seconds_while_inputs_are_staged_is_ridden_out_and_the_job_succeeds()
    {
        var fault = stack.Faults.Inject("S3 server down for a few seconds");
        string jobId;
        await stack.S3.StopAsync();
        try
        {
            // The job names an upload made earlier, so queuing it needs no S3; staging it does.
            jobId = await stack.QueueTextJobAsync("Staged after the storage outage.");
            await stack.PipelineHost.WaitForOutputAsync(
                $"'StageInputs' activity of orchestration ID 'render-{jobId}' failed",
                TimeSpan.FromSeconds(30)
            );
        }
        finally
        {
            await stack.S3.StartAsync();
        }

        var job = await stack.WaitForEndAsync(jobId);
        JobAssert.Succeeded(job);
        stack.Faults.Survived(fault);
    }
}
