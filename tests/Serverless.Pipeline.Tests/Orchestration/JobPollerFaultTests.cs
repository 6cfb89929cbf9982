using Microsoft.DurableTask.Client;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>A leased job ends in exactly one report whatever the durable store or the host does around its start.</summary>
public sealed class JobPollerFaultTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    private const string NotScheduled = "internal_error: the job could not be scheduled.";

    [Fact(Timeout = 120_000)]
    public async Task A_shutdown_right_after_a_lease_does_not_stop_its_start_which_is_retried()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        using var shutdown = new CancellationTokenSource();
        pipeline.Backend.OnLease = shutdown.Cancel;
        var durable = new FlakyDurableClient(pipeline.Client) { FailBeforeStart = (_, call) => call == 1 };

        var summary = await pipeline.Poller.PollOnceAsync(durable, shutdown.Token);

        Assert.Equal(1, summary.Started);
        Assert.Equal(1, pipeline.Backend.LeaseCalls);
        Assert.Equal(2, durable.StartCalls);
        Assert.Equal(nameof(RenderJob), (await pipeline.Client.GetInstanceAsync(RenderJobInstance.IdFor(job.Id)))?.Name);
        Assert.Empty(pipeline.Backend.Reports);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_that_cannot_be_started_is_reported_failed_durably_through_a_backend_blip()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        var durable = new FlakyDurableClient(pipeline.Client) { FailBeforeStart = (name, _) => name == nameof(RenderJob) };
        pipeline.Backend.FailNextReports(2);

        var summary = await pipeline.Poller.PollOnceAsync(durable, default);
        var (instance, _) = await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));

        Assert.Equal(new PollSummary(Started: 0, Rejected: 0, InFlight: 1, Failed: 1), summary);
        Assert.Equal(nameof(ReportRejectedJob), instance.Name);
        Assert.Equal(NotScheduled, Assert.Single(pipeline.Backend.ReportsFor(job.Id)).Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_start_that_timed_out_after_creating_the_instance_is_not_reported_failed()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        var durable = new FlakyDurableClient(pipeline.Client) { FailAfterStart = (name, _) => name == nameof(RenderJob) };
        durable.FailNextLookups(2);

        await pipeline.Poller.PollOnceAsync(durable, default);
        var request = await pipeline.RenderAsync(job.Id);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));

        Assert.Equal(1, durable.StartCalls);
        Assert.Equal(JobStatus.Succeeded, Assert.Single(pipeline.Backend.ReportsFor(job.Id)).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_scheduling_outage_fails_one_job_and_ends_the_tick_instead_of_failing_the_backlog()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var first = await LeasableJobAsync(pipeline);
        await LeasableJobAsync(pipeline);
        await LeasableJobAsync(pipeline);
        var durable = new FlakyDurableClient(pipeline.Client) { FailBeforeStart = (name, _) => name == nameof(RenderJob) };

        var summary = await pipeline.Poller.PollOnceAsync(durable, default);
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(first.Id));

        Assert.Equal(1, summary.Failed);
        Assert.Equal(1, pipeline.Backend.LeaseCalls);
        var report = Assert.Single(pipeline.Backend.Reports);
        Assert.Equal((first.Id, NotScheduled), (report.JobId, report.Report.Error));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_that_can_be_neither_started_nor_reported_is_settled_on_the_next_tick_before_any_lease()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        var durable = new FlakyDurableClient(pipeline.Client) { FailBeforeStart = (_, _) => true };
        pipeline.Backend.FailNextReports(3);

        var outage = await pipeline.Poller.PollOnceAsync(durable, default);
        Assert.Equal(1, outage.Failed);
        Assert.Empty(pipeline.Backend.Reports);

        durable.FailBeforeStart = (_, _) => false;
        var recovered = await pipeline.Poller.PollOnceAsync(durable, default);
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));

        Assert.Equal(0, recovered.Failed);
        Assert.Equal(2, pipeline.Backend.LeaseCalls);
        Assert.Equal(NotScheduled, Assert.Single(pipeline.Backend.ReportsFor(job.Id)).Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_leased_again_after_its_instance_completed_is_neither_run_nor_reported_again()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        await pipeline.Poller.PollOnceAsync(pipeline.Client, default);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(await pipeline.RenderAsync(job.Id)));
        var (done, _) = await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));

        pipeline.Backend.Enqueue(new LeaseResult.Leased(job));
        var again = await pipeline.Poller.PollOnceAsync(pipeline.Client, default);

        Assert.Equal(0, again.Started);
        var instance = await pipeline.Client.GetInstanceAsync(done.InstanceId);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, done.CreatedAt), (instance!.RuntimeStatus, instance.CreatedAt));
        Assert.Single(pipeline.Backend.ReportsFor(job.Id));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_held_unsettled_when_its_host_stopped_is_settled_once_by_the_restarted_host_from_the_lease_journal()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        var durable = new FlakyDurableClient(pipeline.Client) { FailBeforeStart = (_, _) => true };
        pipeline.Backend.FailNextReports(3);

        var outage = await pipeline.Poller.PollOnceAsync(durable, default);
        Assert.Equal(1, outage.Failed);
        Assert.Empty(pipeline.Backend.Reports);

        // The host stops and starts again: its memory is gone, the journal entry comes due.
        pipeline.Journal.MakeAllDue();
        var restarted = pipeline.RestartedPoller();
        await restarted.PollOnceAsync(pipeline.Client, default);
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));
        pipeline.Journal.MakeAllDue();
        await restarted.PollOnceAsync(pipeline.Client, default);

        Assert.Equal(NotScheduled, Assert.Single(pipeline.Backend.ReportsFor(job.Id)).Error);
        Assert.Empty(pipeline.Journal.Entries);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_host_killed_after_starting_a_job_leaves_a_journal_entry_that_settles_without_any_report()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        pipeline.Journal.LoseForgets = true;

        Assert.Equal(1, (await pipeline.Poller.PollOnceAsync(pipeline.Client, default)).Started);
        Assert.Single(pipeline.Journal.Entries);

        pipeline.Journal.LoseForgets = false;
        pipeline.Journal.MakeAllDue();
        await pipeline.RestartedPoller().PollOnceAsync(pipeline.Client, default);

        Assert.Empty(pipeline.Journal.Entries);
        Assert.Equal(nameof(RenderJob), (await pipeline.Client.GetInstanceAsync(RenderJobInstance.IdFor(job.Id)))?.Name);
        Assert.Empty(pipeline.Backend.Reports);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_lease_is_in_the_journal_until_its_job_is_started_and_crossed_out_then()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var job = await LeasableJobAsync(pipeline);
        IReadOnlyList<LeaseJournalEntry> duringStart = [];
        var durable = new FlakyDurableClient(pipeline.Client)
        {
            FailBeforeStart = (_, _) =>
            {
                duringStart = pipeline.Journal.Entries;
                return false;
            },
        };

        await pipeline.Poller.PollOnceAsync(durable, default);

        Assert.Equal(job.Id, Assert.Single(duringStart).Failure.JobId);
        Assert.Empty(pipeline.Journal.Entries);
    }

    private static async Task<LeasedJob> LeasableJobAsync(PipelineHarness pipeline)
    {
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var job = pipeline.TextJob(jobId, imageUrl);
        pipeline.Backend.Enqueue(new LeaseResult.Leased(job));
        return job;
    }
}
