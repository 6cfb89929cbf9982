using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.RenderEngine;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>Base of the tests that run workers against the shared servers: clean queues, hosts stopped after each test.</summary>
[Collection(WorkerCollection.Name)]
public abstract class WorkerTest(WorkerEnvironment env, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];

    protected WorkerEnvironment Env { get; } = env;
    protected ITestOutputHelper Output { get; } = output;
    protected static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    protected IHost Worker(IVideoRenderer? renderer, params (string Key, string? Value)[] settings)
    {
        var host = WorkerHost.Build(Env, Output, renderer, settings);
        _hosts.Add(host);
        return host;
    }

    protected async Task<IHost> StartWorkerAsync(IVideoRenderer? renderer, params (string Key, string? Value)[] settings)
    {
        var host = Worker(renderer, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops and disposes <paramref name="host"/> at the end of the test.</summary>
    protected void Track(IHost host) => _hosts.Add(host);

    /// <summary>A worker whose clock (deadlines, visibility renewals) is <paramref name="time"/>.</summary>
    protected async Task<IHost> StartWorkerAsync(IVideoRenderer? renderer, TimeProvider time, params (string Key, string? Value)[] settings)
    {
        var host = WorkerHost.Build(Env, Output, renderer, services => services.AddSingleton(time), settings);
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>A worker whose clock is <paramref name="time"/> and whose log events <paramref name="events"/> counts.</summary>
    protected IHost Worker(IVideoRenderer? renderer, TimeProvider time, LogEvents events, params (string Key, string? Value)[] settings)
    {
        var host = WorkerHost.Build(
            Env,
            Output,
            renderer,
            services => services.AddSingleton(time).AddSingleton<ILoggerProvider>(events),
            settings
        );
        _hosts.Add(host);
        return host;
    }

    protected static string NewJobId() => Guid.NewGuid().ToString("N")[..24];

    public Task InitializeAsync() => Env.ResetQueuesAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stop.Token);
            }
            catch (ObjectDisposedException) { }
            (host as IDisposable)?.Dispose();
        }
    }
}
