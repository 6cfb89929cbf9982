using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

public static class ChunkingServiceCollectionExtensions
{
    /// <summary>
    /// The planner and the stitcher with the few engine parts they use (ffmpeg-only ones, no SadTalker). Safe beside
    /// <c>AddRenderEngine</c> (whose registrations it reuses) and without it (a worker with another
    /// <see cref="IVideoRenderer"/>).
    /// </summary>
    public static IServiceCollection AddRenderChunking(this IServiceCollection services)
    {
        // Bound again (harmless beside AddRenderEngine) so FFMPEG_CMD and SADTALKER_CMD apply without it too.
        services.AddOptions<RenderEngineOptions>().BindConfiguration("");
        static Tool Ffmpeg(IServiceProvider sp) => sp.GetRequiredService<IOptions<RenderEngineOptions>>().Value.Ffmpeg();

        services.TryAddSingleton(sp => new AudioPreparer(Ffmpeg(sp), sp.GetRequiredService<IOptions<RenderEngineOptions>>()));
        services.TryAddSingleton(sp => new PosterExtractor(Ffmpeg(sp)));
        services.TryAddSingleton<OutputVerifier>();
        services.TryAddSingleton(sp => new SilenceDetector(Ffmpeg(sp)));
        services.TryAddSingleton<SpeechChunker>();
        services.TryAddSingleton(sp => new CopyingStitch(
            Ffmpeg(sp),
            sp.GetRequiredService<IOptions<RenderEngineOptions>>().Value.Ffprobe()
        ));
        services.TryAddSingleton(sp => new ChunkStitcher(
            Ffmpeg(sp),
            sp.GetRequiredService<CopyingStitch>(),
            sp.GetRequiredService<AudioPreparer>(),
            sp.GetRequiredService<OutputVerifier>(),
            sp.GetRequiredService<PosterExtractor>()
        ));
        return services;
    }
}
