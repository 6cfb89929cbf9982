using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Pipeline.Chunking;

public static class PipelineChunkingServiceCollectionExtensions
{
    /// <summary>The chunking settings (validated at start) and the activities of split jobs.</summary>
    public static IServiceCollection AddPipelineChunking(this IServiceCollection services)
    {
        services.AddOptions<ChunkingOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IStitchRequestQueue, StitchRequestQueue>();
        services.AddTransient<RequestPlannedRender>();
        services.AddTransient<SplitSpeech>();
        services.AddTransient<RequestChunkRender>();
        services.AddTransient<RequestStitch>();
        return services;
    }
}
