using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Queues;
using Serverless.RenderEngine;
using Serverless.RenderWorker.Media;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker;

public static class RenderWorkerServiceCollectionExtensions
{
    /// <summary>
    /// The queue consumer: options from the root configuration, queue clients, presigned transfers and the
    /// background service. The caller registers the <see cref="RenderEngine.IVideoRenderer"/> (AddRenderEngine).
    /// </summary>
    public static IServiceCollection AddRenderWorker(this IServiceCollection services)
    {
        services
            .AddOptions<RenderWorkerOptions>()
            .Configure<IConfiguration>((o, config) => config.Bind(o))
            .ValidateDataAnnotations()
            .Validate<IOptions<RenderEngineOptions>>(
                (o, engine) => o.ReplicaTimeout is not { } timeout || timeout > ReplicaDeadline.LongestJobFor(engine.Value),
                $"RENDER_REPLICA_TIMEOUT_SECONDS must exceed SADTALKER_TIMEOUT_SECONDS plus {ReplicaDeadline.Margin.TotalSeconds} s, or the worker could take no request."
            )
            .ValidateOnStart();
        // Read raw: the host resolves HostOptions while it is built, before the worker options are validated on start.
        services
            .AddOptions<HostOptions>()
            .Configure<IConfiguration>(
                (host, config) =>
                {
                    var grace =
                        int.TryParse(config["RENDER_SHUTDOWN_GRACE_SECONDS"], out var seconds) && seconds >= 0
                            ? seconds
                            : new RenderWorkerOptions().ShutdownGraceSeconds;
                    host.ShutdownTimeout = TimeSpan.FromSeconds(grace + 15);
                }
            );
        services.AddMediaTransfer();
        services.AddChunkedRendering();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRenderQueueService<RenderWorkerOptions>(o => o.ToQueueConnection());
        services.AddSingleton<RenderQueueClients>();
        services.AddSingleton<RenderWork>();
        services.AddSingleton<RenderRequestHandler>();
        services.AddSingleton<ReplicaDeadline>();
        services.AddHostedService<RenderQueueWorker>();
        return services;
    }

    /// <summary>Presigned GET/PUT clients with the standard resilience handler (retries on transient errors only).</summary>
    public static IServiceCollection AddMediaTransfer(this IServiceCollection services)
    {
        services
            .AddOptions<TransferOptions>()
            .Configure<IConfiguration>((o, config) => config.Bind(o))
            .Configure<IOptions<RenderEngineOptions>>((o, engine) => o.MaxImageBytes = engine.Value.MaxImageBytes)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddHttpClient<MediaDownloader>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((r, sp) => Limit(r, sp.GetRequiredService<IOptions<TransferOptions>>().Value.DownloadAttemptTimeout));
        services
            .AddHttpClient<MediaUploader>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((r, sp) => Limit(r, sp.GetRequiredService<IOptions<TransferOptions>>().Value.UploadTimeout));
        return services;
    }

    private static void Limit(HttpStandardResilienceOptions resilience, TimeSpan attempt)
    {
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.TotalRequestTimeout.Timeout = attempt * 4;
        resilience.CircuitBreaker.SamplingDuration = attempt * 2;
    }
}
