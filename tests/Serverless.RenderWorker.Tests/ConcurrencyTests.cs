using Microsoft.Extensions.Time.Testing;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class ConcurrencyTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task With_a_concurrency_of_two_two_jobs_render_at_the_same_time()
    {
        var renderer = new FakeVideoRenderer { Gated = true };
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await StartWorkerAsync(renderer, ("RENDER_CONCURRENCY", "2"));

        await Eventually.TrueAsync(() => renderer.Current == 2, Soon, "both jobs to be rendering");
        renderer.Open();

        var results = await Env.Results.TakeResultsAsync(2, Soon);
        Assert.All(results, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
        Assert.Equal(2, renderer.MaxConcurrent);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_a_concurrency_of_one_the_second_job_waits_in_the_queue_until_the_first_is_done()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new LogEvents();
        var renderer = new FakeVideoRenderer { Gated = true };
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Worker(renderer, time, events, ("RENDER_CONCURRENCY", "1")).StartAsync();

        // The loop has come round after starting the first job and found no free slot: had it counted one, it
        // would have received the second message before getting here.
        await Eventually.TrueAsync(
            () => renderer.Current == 1 && events.Count("SlotsBusy") >= 1,
            Soon,
            "one job to be rendering with every slot busy"
        );
        time.Advance(TimeSpan.FromSeconds(3)); // ten poll intervals on the worker's clock
        Assert.Equal(1, await Env.Requests.VisibleCountAsync());
        Assert.Equal(1, renderer.Calls);
        renderer.Open();

        var results = await Env.Results.TakeResultsAsync(2, Soon);
        Assert.All(results, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
        Assert.Equal(1, renderer.MaxConcurrent);
    }
}
