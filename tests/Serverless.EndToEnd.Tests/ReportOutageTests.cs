namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class ReportOutageTests(LocalStack stack)
{
    /// <summary>The stack's REPORT_RETRY_MINUTES (see LocalStack.Settings).</summary>
    private static readonly TimeSpan ReportWindow = TimeSpan.FromMinutes(0.1);

    [Fact(Timeout = 180_000)]
    public async Task Reports_refused_for_longer_than_the_report_window_keep_being_retried_and_land_exactly_once()
    {
        var fault = stack.Faults.Inject("backend refusing every report for longer than REPORT_RETRY_MINUTES");
        // Every report is refused for 15 s from the first one: more than twice the window.
        await stack.Backend.InjectAsync(new FaultRequest(ReportOutageSeconds: 15));
        var jobId = await stack.QueueTextJobAsync("Reported once the backend is back, however long it took.");

        var job = await stack.WaitForEndAsync(jobId, TimeSpan.FromSeconds(90));

        Assert.True(job.Status == "succeeded", $"Job {job.Id} ended {job.Status}: {job.Result?.ToJsonString()}");
        Assert.Equal(1, job.ReportCount);
        var attempts = job.ReportAttempts;
        Assert.Equal([.. Enumerable.Repeat(500, attempts.Count - 1), 200], attempts.Select(a => a.AnsweredStatus));
        var refusedFor = attempts[^1].ReceivedAt - attempts[0].ReceivedAt;
        Assert.True(
            refusedFor > 2 * ReportWindow,
            $"refused for {refusedFor.TotalSeconds:0.0} s only, the window is {ReportWindow.TotalSeconds} s"
        );
        Assert.Contains("is overdue", stack.PipelineHost.Output);
        stack.Faults.Survived(fault);
    }
}
