using Serverless.Contracts;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Media.Mp4;

namespace Serverless.RenderEngine.Tests;

public sealed class FallbackRenderTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_ffmpeg_fallback_meets_every_guarantee_and_looks_like_the_portrait()
    {
        using var engine = new EngineHarness();
        var audio = await engine.ToneAsync(3.3);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.InRange(outcome.DurationSec, 3.3 - 0.1, 3.3 + 0.1);
        var info = await engine.Probe.TryProbeAsync(engine.Input(audio).VideoPath, Demuxer.Mp4, default);
        Assert.Equal("h264", info!.Video!.CodecName);
        Assert.Equal("yuv420p", info.Video.PixelFormat);
        Assert.Equal((512, 512), (info.Video.Width, info.Video.Height));
        Assert.Equal("25/1", info.Video.FrameRate);
        Assert.Equal("aac", info.Audio!.CodecName);
        Assert.True((await Mp4Inspector.TryInspectAsync(engine.Input(audio).VideoPath, default))!.FastStart);
        Assert.True(await EngineHarness.SsimAgainstPortraitAsync(engine.Input(audio).VideoPath) > 0.95);
        var poster = await engine.Probe.TryProbeAsync(engine.Input(audio).PosterPath, Demuxer.Jpeg, default);
        Assert.Equal("mjpeg", poster!.Video!.CodecName);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wide_image_is_scaled_to_1080_pixels_with_even_sides_and_its_aspect_kept()
    {
        using var engine = new EngineHarness();
        var image = await engine.ImageAsync(1921, 1081, "wide.png");
        var audio = await engine.ToneAsync(1.2);

        await engine.Renderer.RenderAsync(engine.Input(audio, image), default);

        var video = (await engine.Probe.TryProbeAsync(engine.Input(audio).VideoPath, Demuxer.Mp4, default))!.Video!;
        Assert.Equal(1080, video.Width);
        Assert.Equal(608, video.Height);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("MAX_AUDIO_SECONDS", null)]
    [InlineData(null, 1.5)]
    public async Task Speech_longer_than_the_limit_is_trimmed_by_setting_or_per_job(string? setting, double? perJob)
    {
        using var engine = new EngineHarness(setting is null ? null : new Dictionary<string, string?> { [setting] = "1.5" });
        var audio = await engine.ToneAsync(4);

        var outcome = await engine.Renderer.RenderAsync(
            engine.Input(audio) with
            {
                Options = new RenderOptions { MaxAudioSeconds = perJob },
            },
            default
        );

        Assert.InRange(outcome.DurationSec, 1.4, 1.6);
    }

    [Fact(Timeout = 60_000)]
    public async Task FFMPEG_CMD_may_be_a_whole_command_string()
    {
        using var engine = new EngineHarness(new Dictionary<string, string?> { ["FFMPEG_CMD"] = "env AV_LOG_FORCE_NOCOLOR=1 ffmpeg" });
        var audio = await engine.ToneAsync(1);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
    }
}
