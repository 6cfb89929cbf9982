using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.StandaloneHost;

/// <summary>
/// The Durable Task sidecar (the SDK's gRPC protocol) over the Azure Storage task hub, on a loopback port: the
/// SDK's worker and client in this process talk to it as they would to any durable backend. It runs as its own
/// small web host so that it starts before the worker connects and stops only after the worker has gone (the
/// worker holds a streaming call open: one host would wait for it until its shutdown timeout).
/// </summary>
internal sealed class DurableSidecar(IOptions<DurableBackendOptions> options, ILoggerFactory loggerFactory, ILogger<DurableSidecar> logger)
    : IHostedService,
        IAsyncDisposable
{
    /// <summary>Long enough to release the partition lease; a stop is never held up by a running step.</summary>
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(3);

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var taskHub = AzureStorageTaskHub.Create(settings, loggerFactory);
        // Fails here, with the storage's own error, when the connection is wrong, instead of on the worker's first call.
        await taskHub.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder
            .WebHost.UseKestrelCore()
            .ConfigureKestrel(kestrel =>
                kestrel.Listen(IPAddress.Loopback, settings.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2)
            );
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, SidecarLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_stopTimeout);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(taskHub);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(taskHub);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        // The server starts dispatching when its host has started, so it must exist by then, not at the first call.
        app.Services.GetRequiredService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        _app = app;
        logger.LogInformation(
            "Durable task hub {TaskHub} (worker {WorkerId}) served on {Address}",
            settings.TaskHubName,
            settings.WorkerId,
            settings.GrpcAddress
        );
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
