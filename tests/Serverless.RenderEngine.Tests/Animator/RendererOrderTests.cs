using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>SadTalker when installed and wanted, else the animator, else (no usable face) the still image, each fallback with its reason.</summary>
public sealed class RendererOrderTests
{
    [Fact(Timeout = 120_000)]
    public async Task Without_SadTalker_a_portrait_with_a_face_is_animated()
    {
        using var engine = AnimatorHarness.WithSampleFace();
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        AnimatorHarness.AssertAnimated(outcome);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("oom", RenderErrorCode.OutOfMemory)]
    [InlineData("crash", RenderErrorCode.Crash)]
    public async Task A_failing_SadTalker_falls_back_to_the_animator_and_says_why(string mode, RenderErrorCode code)
    {
        using var engine = AnimatorHarness.WithFace(
            MarkedPortrait.Landmarks(p => p),
            new Dictionary<string, string?>
            {
                ["SADTALKER_CMD"] = $"env FAKE_SADTALKER_MODE={mode} {EngineHarness.FakeSadTalkerProgram}",
                ["SADTALKER_WORKDIR"] = EngineHarness.FakeSadTalkerRoot,
            }
        );
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Animator, outcome.Renderer);
        Assert.Equal(code, outcome.FallbackReason!.Code);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(RendererChoice.Auto)]
    [InlineData(RendererChoice.Animator)]
    public async Task A_portrait_without_a_face_gets_the_still_image_with_no_face_as_the_reason(RendererChoice choice)
    {
        using var engine = AnimatorHarness.WithFace(null);
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio) with { Renderer = choice }, default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.Equal(RenderErrorCode.NoFace, outcome.FallbackReason!.Code);
        Assert.True(File.Exists(engine.Input(audio).PosterPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_face_too_small_to_move_a_mouth_gets_the_still_image_with_no_face()
    {
        using var engine = AnimatorHarness.WithFace(MarkedPortrait.Landmarks(p => p * 0.2f));
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.Equal(RenderErrorCode.NoFace, outcome.FallbackReason!.Code);
        Assert.Contains("too small", outcome.FallbackReason.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_RENDERER_setting_picks_the_renderer_of_a_request_that_names_none()
    {
        using var engine = AnimatorHarness.WithFace(
            MarkedPortrait.Landmarks(p => p),
            new Dictionary<string, string?> { ["RENDERER"] = "ffmpeg" }
        );
        var audio = await engine.ToneAsync(1.5);

        var still = await engine.Renderer.RenderAsync(engine.Input(audio), default);
        var animated = await engine.Renderer.RenderAsync(engine.Input(audio) with { Renderer = RendererChoice.Animator }, default);

        Assert.Equal(Renderer.Ffmpeg, still.Renderer);
        Assert.Null(still.FallbackReason);
        Assert.Equal(Renderer.Animator, animated.Renderer);
    }
}
