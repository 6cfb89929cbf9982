using System.Text.Json.Nodes;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Storage;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>Nothing unexpected leaves a job without its one report: malformed results and orchestration bugs included.</summary>
public sealed class UnexpectedFailureTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task An_exception_inside_the_orchestration_ends_the_job_in_one_internal_error_report_without_its_details()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);

        // Raised straight on the instance, past the relay's checks: the orchestration throws on the null timings.
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request) with { Timings = null! });
        var (_, outcome) = await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(outcome.Report, report);
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.Equal(JobFailure.Internal().ToString(), report.Error);
        Assert.DoesNotContain("Object reference", report.Error);
        Assert.DoesNotContain("Exception", report.Error);
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.StagedImage(jobId), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_relay_drops_a_result_whose_timings_are_null_and_the_job_completes_with_the_next_one()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);
        var malformed = JsonNode.Parse(RenderQueueJson.Serialize(PipelineHarness.Succeeded(request)))!;
        malformed["timings"] = null;

        await pipeline.Relay.RelayAsync(pipeline.Client, malformed.ToJsonString(), default);
        await pipeline.Relay.RelayAsync(pipeline.Client, RenderQueueJson.Serialize(PipelineHarness.Succeeded(request)), default);
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal(740, report.Timings.SadTalkerMs);
    }
}
