using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class ShutdownTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_mid_render_past_the_grace_period_cancels_the_render_and_releases_the_message_at_once()
    {
        var renderer = new FakeVideoRenderer { Gated = true };
        var host = await StartWorkerAsync(renderer, ("RENDER_SHUTDOWN_GRACE_SECONDS", "1"), ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "120"));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        var stopping = Stopwatch.StartNew();
        await host.StopAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(1, renderer.Cancelled);
        // Visible again now, not after the 120 s visibility timeout.
        Assert.Equal(1, await Env.Requests.VisibleCountAsync());
        Assert.Equal(0, await Env.Results.CountAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopping_mid_render_lets_a_job_that_ends_within_the_grace_period_finish_and_report()
    {
        var renderer = new FakeVideoRenderer { Gated = true };
        var host = await StartWorkerAsync(renderer, ("RENDER_SHUTDOWN_GRACE_SECONDS", "20"));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        var stopping = host.StopAsync();
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        renderer.Open();
        await stopping;

        var result = Assert.Single(await Env.Results.TakeResultsAsync(1, Soon));
        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Equal(0, renderer.Cancelled);
        Assert.Equal(1, renderer.Calls);
        Assert.Equal(1, await Env.Requests.VisibleCountAsync()); // the one sent after the stop began was not taken
    }

    [Fact(Timeout = 60_000)]
    public async Task A_worker_with_an_idle_exit_stops_itself_once_the_queue_stays_empty()
    {
        var renderer = new FakeVideoRenderer();
        var host = Worker(renderer, ("RENDER_IDLE_EXIT_SECONDS", "1"));
        var stopped = new TaskCompletionSource();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await host.StartAsync();

        await stopped.Task.WaitAsync(Soon);

        var result = Assert.Single(await Env.Results.TakeResultsAsync(1, Soon));
        Assert.Equal(RenderStatus.Succeeded, result.Status);
    }
}
