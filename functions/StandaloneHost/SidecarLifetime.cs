using Microsoft.Extensions.Hosting;

namespace Serverless.StandaloneHost;

/// <summary>
/// The sidecar's web host is started and stopped by <see cref="DurableSidecar"/> only: without this it would
/// also stop on SIGTERM by itself, before the worker that still talks to it, and log a second "Application started".
/// </summary>
internal sealed class SidecarLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
