namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class BackendFaultTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task Reports_refused_with_500_for_a_while_are_retried_until_the_backend_recovers_and_land_exactly_once()
    {
        var fault = stack.Faults.Inject("backend answering 500 to reports");
        await stack.Backend.InjectAsync(new FaultRequest(ReportErrors: 3));
        var jobId = await stack.QueueTextJobAsync("Reported after three refusals.");

        var job = await stack.WaitForEndAsync(jobId);

        JobAssert.Succeeded(job, refusedFirst: 3);
        stack.Faults.Survived(fault);
    }

    [Fact(Timeout = 180_000)]
    public async Task Lease_calls_answered_with_500_or_an_html_page_lose_no_job()
    {
        var fault = stack.Faults.Inject("backend answering 500 and HTML to leases");
        await stack.Backend.InjectAsync(new FaultRequest(LeaseErrors: 2, GarbageLeases: 2));
        var jobId = await stack.QueueTextJobAsync("Leased once the backend answers properly.");

        var job = await stack.WaitForEndAsync(jobId);

        JobAssert.Succeeded(job);
        Assert.Contains("Could not lease a job, will retry on the next tick", stack.PipelineHost.Output);
        stack.Faults.Survived(fault);
    }
}
