using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Infra.Tests.Snapshot;
using Serverless.RenderEngine;
using Serverless.RenderWorker;
using Serverless.RenderWorker.Queues;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// The render worker (<c>render-worker worker</c>: AddRenderEngine + AddRenderWorker, as WorkerVerb composes it)
/// with exactly the environment infra/main.bicep gives the render job container.
/// </summary>
public sealed class RenderWorkerCompositionTests
{
    private static IReadOnlyDictionary<string, string> Settings() => RuntimeValues.Resolve(BicepSnapshot.RenderJobEnvironment());

    private static HostApplicationBuilder Compose(IReadOnlyDictionary<string, string> settings)
    {
        var builder = DeployedHost.Builder(settings);
        builder.Services.AddRenderEngine();
        builder.Services.AddRenderWorker();
        return builder;
    }

    [Fact]
    public async Task The_render_worker_starts_with_the_deployed_environment_and_resolves_every_service_of_ours()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var builder = Compose(Settings());
        // The queue consumer would call the (dummy) storage account at once; it is resolved below instead.
        var consumer = builder.Services.Single(d => d.ImplementationType == typeof(RenderQueueWorker));
        builder.Services.Remove(consumer);
        using var host = builder.Build();

        await host.StartAsync(timeout.Token);
        try
        {
            var resolved = DeployedHost.ResolveOurServices(builder.Services, host.Services);

            Assert.Contains(typeof(RenderQueueClients), resolved);
            Assert.Contains(typeof(RenderWorkerOptions), resolved);
            using var worker = ActivatorUtilities.CreateInstance<RenderQueueWorker>(host.Services);
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public void The_queue_sdk_request_logs_are_kept_to_warnings()
    {
        // The worker polls every 100 ms; at Information each request would log two lines.
        using var host = Compose(Settings()).Build();

        var rules = host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;

        var rule = Assert.Single(rules, r => r.CategoryName == "Azure.Core");
        Assert.Equal((LogLevel.Warning, null), (rule.LogLevel, rule.ProviderName));
    }

    [Fact]
    public void The_render_queues_are_reached_through_the_job_identity()
    {
        var settings = Settings();
        Assert.False(settings.ContainsKey("RENDER_QUEUE_CONNECTION"), "infra sets no queue connection string");
        using var host = Compose(settings).Build();

        var queues = host.Services.GetRequiredService<RenderQueueClients>();

        Assert.Equal(new Uri(settings["RENDER_QUEUE_SERVICE_URI"].TrimEnd('/') + "/render-requests"), queues.Requests.Uri);
        Assert.Equal(
            new Uri(settings["RENDER_QUEUE_SERVICE_URI"]).Host.Split('.')[0],
            host.Services.GetRequiredService<QueueServiceClient>().AccountName
        );
    }
}
