using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// At start-up, a worker that may animate (RENDERER <c>auto</c> or <c>animator</c>) fails with a clear message when
/// a face model file is missing, rather than at its first job.
/// </summary>
public sealed class AnimatorModelsCheck(IOptions<RenderEngineOptions> engine) : IValidateOptions<FaceFinderOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceFinderOptions options)
    {
        if (engine.Value.Renderer is not (RendererChoice.Auto or RendererChoice.Animator))
            return ValidateOptionsResult.Success;
        try
        {
            options.EnsureModelsExist();
            return ValidateOptionsResult.Success;
        }
        catch (FileNotFoundException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
