using Microsoft.Extensions.DependencyInjection;
using Serverless.RenderEngine.Chunking;

namespace Serverless.RenderWorker;

public static class ChunkedRenderingServiceCollectionExtensions
{
    /// <summary>Planned renders, chunk renders and stitches: the planner and stitcher, and the jobs that run them.</summary>
    public static IServiceCollection AddChunkedRendering(this IServiceCollection services)
    {
        services.AddRenderChunking();
        services.AddSingleton<ChunkedRenderWork>();
        services.AddSingleton<StitchJob>();
        return services;
    }
}
