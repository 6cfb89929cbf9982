using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.RenderEngine;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>Builds the worker in-process, the way Program does, with settings pointing at the test servers.</summary>
public static class WorkerHost
{
    public static IHost Build(
        WorkerEnvironment env,
        ITestOutputHelper output,
        IVideoRenderer? renderer,
        params (string Key, string? Value)[] settings
    ) => Build(env, output, renderer, configure: null, settings);

    /// <param name="configure">Runs before the worker's own registrations, e.g. to put in a fake clock.</param>
    public static IHost Build(
        WorkerEnvironment env,
        ITestOutputHelper output,
        IVideoRenderer? renderer,
        Action<IServiceCollection>? configure,
        params (string Key, string? Value)[] settings
    )
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["RENDER_QUEUE_CONNECTION"] = env.Azurite.ConnectionString,
                ["RENDER_POLL_INTERVAL_MS"] = "100",
                ["RENDER_MAX_POLL_INTERVAL_MS"] = "300",
                ["RENDER_VISIBILITY_TIMEOUT_SECONDS"] = "30",
                ["RENDER_SHUTDOWN_GRACE_SECONDS"] = "5",
                ["RENDER_RETRY_DELAY_SECONDS"] = "0",
                ["WORK_DIR"] = Directory.CreateTempSubdirectory("render-worker-test-").FullName,
            }
        );
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(output));
        configure?.Invoke(builder.Services);
        if (renderer is null)
            builder.Services.AddRenderEngine();
        else
            builder.Services.AddSingleton(renderer);
        builder.Services.AddRenderWorker();
        return builder.Build();
    }
}
