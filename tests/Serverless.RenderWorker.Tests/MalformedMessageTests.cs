using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class MalformedMessageTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task Garbage_goes_to_the_poison_queue_a_request_with_ids_is_answered_malformed_and_the_next_good_message_still_renders()
    {
        var renderer = new FakeVideoRenderer();
        await Env.Requests.SendMessageAsync("this is not { json");
        await Env.Requests.SendMessageAsync("""{"jobId":"job-malformed","instanceId":"instance-malformed","imageUrl":"http://x/a.png"}""");
        var goodJob = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(goodJob));
        await StartWorkerAsync(renderer);

        var results = await Env.Results.TakeResultsAsync(2, Soon);

        var malformed = Assert.Single(results, r => r.JobId == "job-malformed");
        Assert.Equal((RenderStatus.Failed, RenderErrorCode.MalformedRequest), (malformed.Status, malformed.Error?.Code));
        Assert.Equal("instance-malformed", malformed.InstanceId);
        var good = Assert.Single(results, r => r.JobId == goodJob);
        Assert.Equal(RenderStatus.Succeeded, good.Status);
        var poisoned = Assert.Single((await Env.Poison.PeekMessagesAsync(32)).Value);
        Assert.Equal("this is not { json", poisoned.Body.ToString());
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "all requests to be deleted");
        Assert.Equal(1, renderer.Calls);
    }
}
