using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Storage;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>Reports are delivered however long the backend refuses them: past REPORT_RETRY_MINUTES, on a fixed interval.</summary>
public sealed class ReportDeliveryTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    private static readonly RenderJobSettings ShortWindow = PipelineHarness.FastSettings with
    {
        ReportRetryWindow = TimeSpan.FromSeconds(2),
        ReportRetryInterval = TimeSpan.FromMilliseconds(200),
        ReportAttemptsPerRun = 3,
    };

    [Fact(Timeout = 120_000)]
    public async Task A_report_refused_for_longer_than_the_retry_window_is_retried_until_it_lands_once()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(ShortWindow);
        var request = await pipeline.RenderAsync(jobId);
        pipeline.Backend.FailNextReports(15);

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        var (_, outcome) = await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal(outcome.Report, report);
        Assert.Equal(16, pipeline.Backend.ReportAttempts);
        // The job's instance continued as new past the window (its history stays bounded) and kept counting.
        var instance = await pipeline.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        var lastRun = instance!.ReadInputAs<RenderJobInput>()!.PendingReport!;
        Assert.True(lastRun.PastWindow);
        Assert.True(
            lastRun.AttemptsPastWindow >= ShortWindow.ReportAttemptsPerRun,
            $"{lastRun.AttemptsPastWindow} attempts past the window"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_rejected_lease_whose_report_is_refused_past_the_window_is_still_reported_once()
    {
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            settings: new Dictionary<string, string?> { ["REPORT_RETRY_MINUTES"] = "0.05", ["REPORT_RETRY_INTERVAL_SECONDS"] = "0.2" }
        );
        var badId = PipelineHarness.NewJobId();
        pipeline.Backend.Enqueue(new LeaseResult.Rejected(badId, "Unknown job kind 'lip-sync'."));
        pipeline.Backend.FailNextReports(12);

        await pipeline.Poller.PollOnceAsync(pipeline.Client, default);
        await pipeline.CompletionAsync(RenderJobInstance.IdFor(badId));

        var report = Assert.Single(pipeline.Backend.ReportsFor(badId));
        Assert.Equal("bad_input: Unknown job kind 'lip-sync'.", report.Error);
        Assert.Equal(13, pipeline.Backend.ReportAttempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_report_the_backend_refuses_with_a_4xx_ends_the_job_and_its_staging_is_still_cleaned_up()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);
        pipeline.Backend.RefuseNextReports(1);

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        var (_, outcome) = await pipeline.CompletionAsync(instanceId);

        Assert.Equal(ReportOutcome.Refused, outcome.Delivery);
        Assert.Equal(JobStatus.Succeeded, outcome.Report.Status);
        Assert.Equal(1, pipeline.Backend.ReportAttempts);
        Assert.Empty(pipeline.Backend.ReportsFor(jobId));
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.StagedImage(jobId), default));
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.RenderedVideo(jobId), default));
    }
}
