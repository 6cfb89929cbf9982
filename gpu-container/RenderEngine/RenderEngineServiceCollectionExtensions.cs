using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Animator;
using Serverless.RenderEngine.Animator.Face;
using Serverless.RenderEngine.Fallback;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;
using Serverless.RenderEngine.SadTalker;

namespace Serverless.RenderEngine;

public static class RenderEngineServiceCollectionExtensions
{
    /// <summary>The render engine with its settings bound from the root configuration and validated at start.</summary>
    public static IServiceCollection AddRenderEngine(this IServiceCollection services)
    {
        services.AddOptions<RenderEngineOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();

        static Tool Ffmpeg(IServiceProvider sp) => sp.GetRequiredService<IOptions<RenderEngineOptions>>().Value.Ffmpeg();
        static Tool Ffprobe(IServiceProvider sp) => sp.GetRequiredService<IOptions<RenderEngineOptions>>().Value.Ffprobe();

        services.AddSingleton(sp => new MediaProbe(Ffprobe(sp)));
        services.AddSingleton(sp => new AudioPreparer(Ffmpeg(sp), sp.GetRequiredService<IOptions<RenderEngineOptions>>()));
        services.AddSingleton(sp => new StillImageRenderer(Ffmpeg(sp)));
        services.AddSingleton(sp => new SadTalkerRemuxer(Ffmpeg(sp)));
        services.AddSingleton(sp => new PosterExtractor(Ffmpeg(sp)));
        services.AddSingleton(sp => new PortraitPreparer(Ffmpeg(sp)));
        services.AddSingleton<InputValidator>();
        services.AddSingleton<OutputVerifier>();
        services.AddSingleton<SadTalkerRunner>();
        services.AddSingleton(sp => new PortraitDecoder(Ffmpeg(sp)));
        services.AddSingleton(sp => new AnimatorRenderer(
            Ffmpeg(sp),
            sp.GetRequiredService<PortraitDecoder>(),
            sp.GetRequiredService<IFaceFinder>(),
            sp.GetRequiredService<ILogger<AnimatorRenderer>>()
        ));
        services.AddFaceFinder();
        services.AddSingleton<IValidateOptions<FaceFinderOptions>, AnimatorModelsCheck>();
        services.AddSingleton<IVideoRenderer, VideoRenderer>();
        return services;
    }
}
