using Microsoft.DurableTask.Client;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

public sealed class JobPollerTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task A_tick_leases_until_the_concurrency_limit_and_starts_one_instance_per_job()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var imageUrl = await pipeline.UploadInputAsync("uploads/u1/poller.png", RepoPaths.SamplePortrait, "image/png");
        var jobs = Enumerable.Range(0, 3).Select(_ => pipeline.TextJob(PipelineHarness.NewJobId(), imageUrl)).ToList();
        jobs.ForEach(job => pipeline.Backend.Enqueue(new LeaseResult.Leased(job)));

        var summary = await pipeline.Poller.PollOnceAsync(pipeline.Client, default);

        Assert.Equal(new PollSummary(Started: 2, Rejected: 0, InFlight: 2), summary);
        Assert.Equal(2, pipeline.Backend.LeaseCalls);
        foreach (var job in jobs.Take(2))
            Assert.NotNull(await pipeline.Client.GetInstanceAsync(RenderJobInstance.IdFor(job.Id)));
        Assert.Null(await pipeline.Client.GetInstanceAsync(RenderJobInstance.IdFor(jobs[2].Id)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_leased_twice_runs_once_and_is_not_reported_failed()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var imageUrl = await pipeline.UploadInputAsync("uploads/u1/twice.png", RepoPaths.SamplePortrait, "image/png");
        var job = pipeline.TextJob(PipelineHarness.NewJobId(), imageUrl);
        pipeline.Backend.Enqueue(new LeaseResult.Leased(job));
        pipeline.Backend.Enqueue(new LeaseResult.Leased(job));

        var summary = await pipeline.Poller.PollOnceAsync(pipeline.Client, default);
        var request = await pipeline.RenderAsync(job.Id);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(job.Id));

        Assert.Equal(1, summary.Started);
        Assert.Equal(JobStatus.Succeeded, Assert.Single(pipeline.Backend.ReportsFor(job.Id)).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_invalid_lease_is_reported_failed_once_and_polling_goes_on()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var badId = PipelineHarness.NewJobId();
        pipeline.Backend.Enqueue(new LeaseResult.Rejected(badId, "Unknown job kind 'lip-sync'."));
        pipeline.Backend.Enqueue(new LeaseResult.Rejected(null, "The job id '../etc' is not a valid id."));

        var summary = await pipeline.Poller.PollOnceAsync(pipeline.Client, default);
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(badId));

        Assert.Equal(2, summary.Rejected);
        Assert.Equal(3, pipeline.Backend.LeaseCalls);
        var report = Assert.Single(pipeline.Backend.Reports);
        Assert.Equal(badId, report.JobId);
        Assert.Equal(JobStatus.Failed, report.Report.Status);
        Assert.Equal("bad_input: Unknown job kind 'lip-sync'.", report.Report.Error);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Backend_trouble_ends_the_tick_quietly(bool unauthorized)
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        pipeline.Backend.EnqueueFailure(
            unauthorized ? new BackendAuthException("401 Unauthorized") : new BackendUnavailableException("500 Failed to lease job")
        );

        var summary = await pipeline.Poller.PollOnceAsync(pipeline.Client, default);

        Assert.Equal(new PollSummary(0, 0, 0), summary);
        Assert.Equal(1, pipeline.Backend.LeaseCalls);
        Assert.Empty(pipeline.Backend.Reports);
        var running = pipeline.Client.GetAllInstancesAsync(new OrchestrationQuery());
        Assert.Equal(0, await running.CountAsync());
    }
}
