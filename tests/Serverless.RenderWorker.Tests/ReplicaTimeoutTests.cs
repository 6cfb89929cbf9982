using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.RenderEngine;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>The queue consumer and <see cref="ReplicaDeadline"/>: a replica near its timeout takes no request.</summary>
public sealed class ReplicaTimeoutTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 60_000)]
    public async Task A_worker_whose_replica_time_is_nearly_up_takes_no_request_and_ends_the_execution()
    {
        var time = new FakeTimeProvider();
        // 2500 s replica, 1800 s SadTalker timeout + 600 s margin: requests are taken for the first 100 s only.
        using var host = Build(time, ("RENDER_REPLICA_TIMEOUT_SECONDS", "2500"));
        _ = host.Services.GetRequiredService<ReplicaDeadline>(); // the replica's clock starts here
        await Env.Requests.SendMessageAsync("{}");
        time.Advance(TimeSpan.FromSeconds(101));
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await host.StartAsync();

        await Eventually.TrueAsync(() => stopping.IsCancellationRequested, Soon, "the worker to end the execution");
        var waiting = (await Env.Requests.PeekMessagesAsync(maxMessages: 5)).Value;
        Assert.Single(waiting);
        Assert.Equal(0, waiting[0].DequeueCount);
        await host.StopAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_replica_timeout_shorter_than_the_longest_job_is_refused_at_start()
    {
        using var host = Build(TimeProvider.System, ("RENDER_REPLICA_TIMEOUT_SECONDS", "2400"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RENDER_REPLICA_TIMEOUT_SECONDS", error.Message);
    }

    /// <summary>Like <see cref="WorkerHost.Build"/>, with the worker's clock given.</summary>
    private IHost Build(TimeProvider time, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["RENDER_QUEUE_CONNECTION"] = Env.Azurite.ConnectionString,
                ["RENDER_POLL_INTERVAL_MS"] = "100",
                ["RENDER_MAX_POLL_INTERVAL_MS"] = "300",
                ["WORK_DIR"] = Directory.CreateTempSubdirectory("render-worker-test-").FullName,
            }
        );
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(Output));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<IVideoRenderer>(new FakeVideoRenderer());
        builder.Services.AddRenderWorker();
        return builder.Build();
    }
}
