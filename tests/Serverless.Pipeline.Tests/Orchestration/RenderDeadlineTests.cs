using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

public sealed class RenderDeadlineTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task The_wait_for_the_render_ends_at_the_deadline_the_worker_was_given_even_after_request_retries()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        // Three failed sends cost 1 + 2 + 4 s of retries before the request goes out.
        pipeline.Queue.FailNextSends(3);
        var settings = PipelineHarness.FastSettings with
        {
            RenderTimeout = TimeSpan.FromSeconds(9),
            ActivityFirstRetry = TimeSpan.FromSeconds(1),
        };
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(settings);
        var request = await pipeline.RenderAsync(jobId, uploadVideo: false);

        var (instance, outcome) = await pipeline.CompletionAsync(instanceId);

        Assert.StartsWith("timeout: ", outcome.Report.Error);
        // Without a shared deadline the wait would start after the retries and end about 7 s past it.
        var late = instance.LastUpdatedAt - request.Deadline;
        Assert.True(late < TimeSpan.FromSeconds(4), $"the wait ended {late.TotalSeconds:0.0} s after the worker's deadline");
    }
}
