using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>The real engine with the face finder replaced by a double that knows the sample's hand-marked landmarks.</summary>
internal static class AnimatorHarness
{
    public static EngineHarness WithFace(FaceLandmarks? face, IDictionary<string, string?>? settings = null) =>
        new(settings, services => services.AddSingleton<IFaceFinder>(new FixedFaceFinder(face)));

    /// <summary>The engine with the real landmark finder (dlib's model, OpenCV's detector, as installed).</summary>
    public static EngineHarness WithRealFinder() => new(null, services => services.AddSingleton<IFaceFinder, LandmarkFaceFinder>());

    public static EngineHarness WithSampleFace() => WithFace(MarkedPortrait.Landmarks(p => p));

    public static FaceLandmarks Scaled(float scale) => MarkedPortrait.Landmarks(p => p * scale);

    public static RenderInput Animated(this EngineHarness engine, string audio, string? image = null, int seed = 7) =>
        engine.Input(audio, image) with
        {
            Renderer = RendererChoice.Animator,
            Seed = seed,
        };

    /// <summary>Keeps a copy of a video for looking at it when ANIMATOR_KEEP_DIR is set.</summary>
    public static void Keep(string videoPath, string name)
    {
        if (Environment.GetEnvironmentVariable("ANIMATOR_KEEP_DIR") is { Length: > 0 } dir)
            File.Copy(videoPath, Path.Combine(dir, name), overwrite: true);
    }

    public static Vector2 Shift(Vector2 p, float dx, float dy) => p + new Vector2(dx, dy);

    public static void AssertAnimated(RenderOutcome outcome)
    {
        Assert.Equal(Renderer.Animator, outcome.Renderer);
        Assert.Null(outcome.FallbackReason);
    }
}
