using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class VisibilityRenewalTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task A_render_longer_than_the_visibility_timeout_keeps_its_message_from_any_other_consumer()
    {
        var renderer = new FakeVideoRenderer { Delay = TimeSpan.FromSeconds(8) };
        await StartWorkerAsync(renderer, ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "3"));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        // A second consumer polls the whole time the render runs.
        var stolen = 0;
        var results = new List<RenderResult>();
        while (results.Count == 0)
        {
            stolen += (await Env.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Length;
            await Env.Results.TakeResultsAsync(0, TimeSpan.FromSeconds(1), results);
            await Task.Delay(200);
        }

        Assert.Equal(0, stolen);
        var result = Assert.Single(results);
        Assert.Equal((RenderStatus.Succeeded, 1L), (result.Status, result.DeliveryCount));
        Assert.Equal(1, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }
}
