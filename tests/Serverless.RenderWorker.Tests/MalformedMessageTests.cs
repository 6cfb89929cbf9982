using Serverless.Contracts;
using Serverless.RenderWorker.Queues;
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
        var poisoned = RenderQueueJson.Deserialize<PoisonRecord>(
            Assert.Single((await Env.Poison.PeekMessagesAsync(32)).Value).Body.ToString()
        );
        Assert.Equal((null, null, "this is not { json".Length), (poisoned.InstanceId, poisoned.JobId, poisoned.BodyLength));
        Assert.NotEmpty(poisoned.Reason);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "all requests to be deleted");
        Assert.Equal(1, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unreadable_request_leaves_only_its_ids_and_the_reason_on_the_poison_queue_never_its_presigned_urls()
    {
        var staged = await Env.StageRequestAsync(NewJobId());
        // Cut short: not JSON, so nobody can be told, but it holds live presigned URLs.
        var body = RenderQueueJson.Serialize(staged)[..^20];
        Assert.Contains("X-Amz-Signature", body);
        var sent = (await Env.Requests.SendMessageAsync(body)).Value;
        await StartWorkerAsync(new FakeVideoRenderer());

        await Eventually.TrueAsync(async () => await Env.Poison.VisibleCountAsync() == 1, Soon, "the message to be poisoned");

        var text = Assert.Single((await Env.Poison.PeekMessagesAsync(32)).Value).Body.ToString();
        Output.WriteLine(text);
        Assert.DoesNotContain("X-Amz", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", text, StringComparison.OrdinalIgnoreCase);
        var poisoned = RenderQueueJson.Deserialize<PoisonRecord>(text);
        Assert.Equal((sent.MessageId, staged.JobId, staged.InstanceId), (poisoned.MessageId, poisoned.JobId, poisoned.InstanceId));
        Assert.Equal(body.Length, poisoned.BodyLength);
        Assert.NotEmpty(poisoned.Reason);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }
}
