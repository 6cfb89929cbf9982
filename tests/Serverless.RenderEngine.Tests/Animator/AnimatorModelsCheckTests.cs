using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Animator;

public sealed class AnimatorModelsCheckTests
{
    [Theory]
    [InlineData("auto")]
    [InlineData("animator")]
    public void A_worker_that_may_animate_fails_at_start_up_naming_a_missing_face_model(string renderer)
    {
        using var engine = new EngineHarness(
            new Dictionary<string, string?> { ["RENDERER"] = renderer, ["FACE_LANDMARKS_MODEL"] = "/nonexistent/landmarks.dat" }
        );

        var error = Assert.Throws<OptionsValidationException>(() =>
            engine.Services.GetRequiredService<IOptions<FaceFinderOptions>>().Value
        );

        Assert.Contains("/nonexistent/landmarks.dat", error.Message);
        Assert.Contains("FACE_LANDMARKS_MODEL", error.Message);
    }

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("sadtalker")]
    public void A_worker_that_never_animates_needs_no_face_model(string renderer)
    {
        using var engine = new EngineHarness(
            new Dictionary<string, string?> { ["RENDERER"] = renderer, ["FACE_LANDMARKS_MODEL"] = "/nonexistent/landmarks.dat" }
        );

        Assert.Equal(
            "/nonexistent/landmarks.dat",
            engine.Services.GetRequiredService<IOptions<FaceFinderOptions>>().Value.LandmarksModelPath
        );
    }
}
