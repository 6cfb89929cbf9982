using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Verbs;

/// <summary><c>render-worker worker</c>: the queue consumer, configured by environment variables.</summary>
public static class WorkerVerb
{
    public static Command Create()
    {
        var command = new Command("worker", "Consume render-requests until stopped (SIGTERM) or idle (RENDER_IDLE_EXIT_SECONDS).");
        command.SetAction(
            async (_, cancellationToken) =>
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
                builder.Services.AddRenderEngine();
                builder.Services.AddRenderWorker();
                using var host = builder.Build();
                await host.RunAsync(cancellationToken);
                return 0;
            }
        );
        return command;
    }
}
