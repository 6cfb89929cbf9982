using CliWrap.Buffered;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;
using Xunit.Abstractions;

namespace Serverless.RenderEngine.Tests.Animator;

public sealed class AnimatorRenderTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact(Timeout = 120_000)]
    public async Task The_sample_portrait_talks_in_a_video_as_long_as_its_speech()
    {
        using var engine = AnimatorHarness.WithSampleFace();
        var speech = await TestSpeech.WriteAsync(engine.Dir);
        var input = engine.Animated(speech);

        var outcome = await engine.Renderer.RenderAsync(input, default);

        AnimatorHarness.AssertAnimated(outcome);
        AnimatorHarness.Keep(input.VideoPath, "sample.mp4");
        var info = (await engine.Probe.TryProbeAsync(input.VideoPath, Demuxer.Mp4, default))!;
        Assert.Equal(512, info.Video!.Width);
        Assert.True(File.Exists(input.PosterPath));
    }

    [Fact(Timeout = 180_000)]
    public async Task The_mouth_follows_the_speech_and_closes_in_its_pauses()
    {
        using var engine = AnimatorHarness.WithSampleFace();
        var speech = await TestSpeech.WriteAsync(engine.Dir);
        var input = engine.Animated(speech);
        await engine.Renderer.RenderAsync(input, default);

        var motion = await MouthMotion.MeasureAsync(input.VideoPath, input.ImagePath, 512, 512, MarkedPortrait.Points, speech);

        _output.WriteLine(
            $"r={motion.Correlation:0.000} pause={motion.PauseRatio:0.000} blinks={motion.Blinks} jump={motion.MaxJumpPx:0.00}"
        );
        for (var f = 0; f < motion.Mouth.Length; f++)
            _output.WriteLine($"{f} {motion.LoudnessDb[f]:0.0} {motion.Mouth[f]:0.00} {motion.Eyes[f]:0.00}");
        Assert.True(motion.Correlation > 0.6, $"r = {motion.Correlation:0.000}");
        Assert.True(motion.PauseRatio < 0.3, $"pause ratio {motion.PauseRatio:0.000}");
        Assert.True(motion.Blinks >= 2, $"{motion.Blinks} blinks");
        Assert.True(motion.MaxJumpPx < 3, $"jump {motion.MaxJumpPx:0.00} px");
    }

    public static TheoryData<string, string, int, int, bool> Copies =>
        new()
        {
            { "mirrored", "hflip", 512, 512, false },
            { "smaller", "scale=384:384", 384, 384, false },
            { "larger", "scale=820:820", 820, 820, false },
            { "shifted", "pad=640:576:100:50:color=gray", 640, 576, false },
            { "same", "null", 512, 512, true },
            { "mirrored", "hflip", 512, 512, true },
            { "smaller", "scale=384:384", 384, 384, true },
            { "shifted", "pad=640:576:100:50:color=gray", 640, 576, true },
        };

    /// <param name="realFinder">Animate with the landmarks the face finder finds (else the hand-marked ones); the check always measures where the hand-marked mouth is.</param>
    [Theory(Timeout = 240_000)]
    [MemberData(nameof(Copies))]
    public async Task The_mouth_follows_the_speech_on_a_transformed_copy_of_the_portrait(
        string name,
        string filter,
        int width,
        int height,
        bool realFinder
    )
    {
        var face = name switch
        {
            "mirrored" => MarkedPortrait.Landmarks(p => new(511 - p.X, p.Y), mirrored: true),
            "smaller" => MarkedPortrait.Landmarks(p => p * 0.75f),
            "larger" => MarkedPortrait.Landmarks(p => p * (820f / 512)),
            "same" => MarkedPortrait.Landmarks(p => p),
            _ => MarkedPortrait.Landmarks(p => p + new System.Numerics.Vector2(100, 50)),
        };
        using var engine = realFinder ? AnimatorHarness.WithRealFinder() : AnimatorHarness.WithFace(face);
        var image = await engine.FilteredPortraitAsync($"{name}.png", filter);
        var speech = await TestSpeech.WriteAsync(engine.Dir);
        var input = engine.Animated(speech, image);
        var outcome = await engine.Renderer.RenderAsync(input, default);
        AnimatorHarness.AssertAnimated(outcome);

        var points = face.Points.Select(p => new System.Numerics.Vector2(p.X, p.Y)).ToArray();
        var motion = await MouthMotion.MeasureAsync(input.VideoPath, image, width, height, points, speech);

        _output.WriteLine(
            $"{name}: r={motion.Correlation:0.000} pause={motion.PauseRatio:0.000} blinks={motion.Blinks} jump={motion.MaxJumpPx:0.00}"
        );
        Assert.True(motion.Correlation > 0.6, $"r = {motion.Correlation:0.000}");
        Assert.True(motion.PauseRatio < 0.3, $"pause ratio {motion.PauseRatio:0.000}");
        Assert.True(motion.Blinks >= 2, $"{motion.Blinks} blinks");
        Assert.True(motion.MaxJumpPx < 3 * width / 512.0, $"jump {motion.MaxJumpPx:0.00} px");
    }

    [Theory(Timeout = 120_000)]
    [InlineData("grey.png", "format=gray", 0, 1f, 1f)]
    [InlineData("alpha.png", "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,64),0,255)'", 0, 1f, 1f)]
    [InlineData("wide.png", "pad=2048:512:768:0:color=white", 768, 1080f / 2048, 1080f / 2048)]
    [InlineData("stretched.jpg", "scale=600:900", 0, 600f / 512, 900f / 512)]
    public async Task Unusual_pictures_give_a_valid_animated_video(string name, string filter, int padLeft, float scaleX, float scaleY)
    {
        // Where the marked points are in the video: padded, then scaled to at most 1080 px a side.
        var face = MarkedPortrait.Landmarks(p => new((p.X + padLeft) * scaleX, p.Y * scaleY));
        using var engine = AnimatorHarness.WithFace(face);
        var image = await engine.FilteredPortraitAsync(name, filter);
        var audio = await engine.ToneAsync(1.3);

        var outcome = await engine.Renderer.RenderAsync(engine.Animated(audio, image), default);

        AnimatorHarness.AssertAnimated(outcome);
        var info = (await engine.Probe.TryProbeAsync(engine.Input(audio).VideoPath, Demuxer.Mp4, default))!;
        Assert.Equal("yuv420p", info.Video!.PixelFormat);
        Assert.True(info.Video.Width <= 1080 && info.Video.Width % 2 == 0 && info.Video.Height % 2 == 0);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_same_seed_renders_the_same_frames_and_another_seed_blinks_at_other_times()
    {
        using var engine = AnimatorHarness.WithSampleFace();
        var speech = await TestSpeech.WriteAsync(engine.Dir);
        var first = await FramesAsync(engine, speech, seed: 11, "first.mp4");
        var again = await FramesAsync(engine, speech, seed: 11, "again.mp4");
        var other = await FramesAsync(engine, speech, seed: 12, "other.mp4");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(1.0)]
    [InlineData(2.37)]
    [InlineData(4.02)]
    public async Task The_video_is_as_long_as_the_speech_to_a_frame(double seconds)
    {
        using var engine = AnimatorHarness.WithSampleFace();
        var audio = await engine.ToneAsync(seconds);
        var input = engine.Animated(audio);

        var outcome = await engine.Renderer.RenderAsync(input, default);

        var info = (await engine.Probe.TryProbeAsync(input.VideoPath, Demuxer.Mp4, default))!;
        Assert.InRange(outcome.DurationSec, seconds - 0.04, seconds + 0.04);
        var frames = await FrameCountAsync(input.VideoPath);
        Assert.InRange(frames, seconds * 25 - 1, seconds * 25 + 1);
        Assert.NotNull(info.Audio);
    }

    private static async Task<string> FramesAsync(EngineHarness engine, string speech, int seed, string name)
    {
        var input = engine.Animated(speech, seed: seed) with { VideoPath = Path.Combine(engine.Dir, name) };
        await engine.Renderer.RenderAsync(input, default);
        var result = await CliWrap
            .Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", input.VideoPath, "-map", "0:v", "-f", "framemd5", "-"])
            .ExecuteBufferedAsync();
        return string.Join('\n', result.StandardOutput.Split('\n').Where(l => !l.StartsWith('#')));
    }

    private static async Task<int> FrameCountAsync(string videoPath)
    {
        var result = await CliWrap
            .Cli.Wrap("ffprobe")
            .WithArguments([
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=nb_read_frames",
                "-of",
                "csv=p=0",
                videoPath,
            ])
            .ExecuteBufferedAsync();
        return int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
