using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class ShutdownTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_mid_render_past_the_grace_period_cancels_the_render_and_releases_the_message_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new LogEvents();
        var renderer = new FakeVideoRenderer { Gated = true };
        var host = Worker(renderer, time, events, ("RENDER_SHUTDOWN_GRACE_SECONDS", "300"), ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "600"));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await host.StartAsync();
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        var stopping = host.StopAsync();
        await Eventually.TrueAsync(() => events.Count("Draining") == 1, Soon, "the worker to start draining");
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(0, renderer.Cancelled); // still within the grace
        Assert.False(stopping.IsCompleted);
        // The grace's timer may have started just after the Draining event: step on until it ends.
        await Eventually.TrueAsync(
            () =>
            {
                if (!stopping.IsCompleted)
                    time.Advance(TimeSpan.FromSeconds(1));
                return stopping.IsCompleted;
            },
            Soon,
            "the grace to end"
        );
        await stopping;

        Assert.Equal(1, renderer.Cancelled);
        // Visible again now, not after the 600 s visibility timeout.
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
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var renderer = new FakeVideoRenderer();
        var host = Worker(renderer, time, new LogEvents(), ("RENDER_IDLE_EXIT_SECONDS", "60"));
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));
        await host.StartAsync();
        var result = Assert.Single(await Env.Results.TakeResultsAsync(1, Soon));
        Assert.Equal(RenderStatus.Succeeded, result.Status);

        // Each poll waits on the worker's clock; a minute of it without a message ends the execution.
        var idle = TimeSpan.Zero;
        await Eventually.TrueAsync(
            () =>
            {
                if (!stopping.IsCancellationRequested)
                {
                    time.Advance(TimeSpan.FromSeconds(5));
                    idle += TimeSpan.FromSeconds(5);
                }
                return stopping.IsCancellationRequested;
            },
            Soon,
            "the worker to stop itself"
        );
        Assert.True(idle >= TimeSpan.FromSeconds(60), $"stopped after {idle} idle on its clock");
    }
}
