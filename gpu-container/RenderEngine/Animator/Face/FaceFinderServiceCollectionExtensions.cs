using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Animator.Face;

public static class FaceFinderServiceCollectionExtensions
{
    /// <summary>
    /// The face finder (one shared instance: its landmark model is ~100 MB and loads on first use) and the
    /// portrait decoder, with the settings bound from the root configuration and validated at start. Whether the
    /// model files exist is checked by <see cref="FaceFinderOptions.EnsureModelsExist"/>, which a worker that
    /// wants the animator calls at start-up.
    /// </summary>
    public static IServiceCollection AddFaceFinder(this IServiceCollection services)
    {
        services.AddOptions<FaceFinderOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFaceFinder, LandmarkFaceFinder>();
        services.AddSingleton(sp => new GrayImageDecoder(
            new Tool(sp.GetRequiredService<IOptions<RenderEngineOptions>>().Value.FfmpegCommand, "ffmpeg")
        ));
        return services;
    }
}
