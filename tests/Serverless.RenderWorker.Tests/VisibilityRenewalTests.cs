using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class VisibilityRenewalTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task A_render_that_outlives_several_renewal_periods_renews_its_message_on_the_queue_and_deletes_it_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new LogEvents();
        var renderer = new FakeVideoRenderer { Gated = true };
        var host = WorkerHost.Build(
            Env,
            Output,
            renderer,
            services => services.AddSingleton<TimeProvider>(time).AddSingleton<ILoggerProvider>(events),
            ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "30")
        );
        Track(host);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId())); // before the start: polls wait on the fake clock
        await host.StartAsync();
        await Eventually.TrueAsync(() => renderer.Current == 1, Soon, "the job to be rendering");

        // Three renewal periods on the worker's clock: each renewal is a real update on Azurite, and each new
        // pop receipt must be kept, or the delete at the end is refused and the message comes back.
        await Eventually.TrueAsync(
            () =>
            {
                if (events.Count("Renewed") < 3)
                    time.Advance(TimeSpan.FromSeconds(10));
                return events.Count("Renewed") >= 3;
            },
            Soon,
            "three renewals"
        );
        Assert.Empty((await Env.Requests.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value);
        renderer.Open();

        var result = await Env.Results.TakeResultAsync(Soon);
        Assert.Equal((RenderStatus.Succeeded, 1L), (result.Status, result.DeliveryCount));
        Assert.Equal(1, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
        Assert.Equal(0, events.Count("LeaseLost"));
    }
}
