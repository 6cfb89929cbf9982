using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Chunking;

// In the pipeline's root namespace, beside AddRenderPipeline, which calls it.
namespace Serverless.Pipeline;

public static class PipelineChunkingServiceCollectionExtensions
{
    /// <summary>
    /// The chunking settings (validated at start) and what the activities of split jobs use. The activities
    /// themselves (RequestPlannedRender, SplitSpeech, RequestChunkRender, RequestStitch) are in the orchestration's
    /// activity list, <see cref="Orchestration.RenderJobActivities"/>.
    /// </summary>
    public static IServiceCollection AddPipelineChunking(this IServiceCollection services)
    {
        services.AddOptions<ChunkingOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
