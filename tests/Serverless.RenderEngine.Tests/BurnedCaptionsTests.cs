using CliWrap;
using Serverless.Captions;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Tests.Animator;

namespace Serverless.RenderEngine.Tests;

public sealed class BurnedCaptionsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly CaptionCue[] s_cues =
    [
        new(0.5, 1.7, ["Captions drawn into the picture,", "bottom centre & readable"]),
        new(2.2, 3.5, ["<second> cue: مرحبا — שלום {x}"]),
    ];

    [Fact(Timeout = 120_000)]
    public async Task The_still_image_shows_each_cue_in_its_bottom_band_while_it_is_on_and_the_plain_picture_otherwise()
    {
        using var plain = new EngineHarness();
        using var captioned = new EngineHarness();
        var plainAudio = await plain.ToneAsync(4.2);
        var captionedAudio = await captioned.ToneAsync(4.2);

        await plain.Renderer.RenderAsync(plain.Input(plainAudio), default);
        var outcome = await captioned.Renderer.RenderAsync(captioned.Input(captionedAudio) with { Captions = s_cues }, default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.InRange(outcome.DurationSec, 4.1, 4.3);
        var plainVideo = plain.Input(plainAudio).VideoPath;
        var video = captioned.Input(captionedAudio).VideoPath;
        foreach (var (at, cue) in new[] { (0.2, -1), (1.0, 0), (1.96, -1), (3.0, 1), (3.9, -1) })
        {
            var difference = MeanDifference(await BottomBandAsync(plainVideo, at), await BottomBandAsync(video, at));
            if (cue < 0)
                Assert.True(difference < 2.0, $"at {at} s no cue is on, yet the band differs by {difference:0.00}");
            else
                Assert.True(difference > 3.0, $"at {at} s cue {cue} is on, yet the band differs by only {difference:0.00}");
        }
        var first = await BottomBandAsync(video, 1.0);
        var second = await BottomBandAsync(video, 3.0);
        Assert.True(MeanDifference(first, second) > 3.0, "the two cues look the same");
        // The upper part of the picture is the plain picture (within encoding noise).
        var top = MeanDifference(await TopBandAsync(plainVideo, 1.0), await TopBandAsync(video, 1.0));
        Assert.True(top < 2.0, $"the top half differs by {top:0.00}");
    }

    [Fact(Timeout = 120_000)]
    public async Task The_sadtalker_remux_draws_each_cue_while_it_is_on_and_leaves_the_frames_alone_otherwise()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SADTALKER_CMD"] = EngineHarness.FakeSadTalkerProgram,
            ["SADTALKER_WORKDIR"] = EngineHarness.FakeSadTalkerRoot,
        };
        using var plain = new EngineHarness(settings);
        using var captioned = new EngineHarness(settings);
        var plainAudio = await plain.ToneAsync(4.2);
        var captionedAudio = await captioned.ToneAsync(4.2);

        await plain.Renderer.RenderAsync(plain.Input(plainAudio), default);
        var outcome = await captioned.Renderer.RenderAsync(captioned.Input(captionedAudio) with { Captions = s_cues }, default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        var plainVideo = plain.Input(plainAudio).VideoPath;
        var video = captioned.Input(captionedAudio).VideoPath;
        foreach (var (at, on) in new[] { (0.2, false), (1.0, true), (1.96, false), (3.0, true), (3.9, false) })
        {
            var difference = MeanDifference(await BottomBandAsync(plainVideo, at), await BottomBandAsync(video, at));
            Assert.True(on ? difference > 3.0 : difference < 2.0, $"at {at} s the bottom band differs by {difference:0.00}");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task The_animator_draws_each_cue_in_the_encode_of_its_frames_and_leaves_them_alone_otherwise()
    {
        using var plain = AnimatorHarness.WithSampleFace();
        using var captioned = AnimatorHarness.WithSampleFace();
        var plainAudio = await plain.ToneAsync(4.2);
        var captionedAudio = await captioned.ToneAsync(4.2);

        await plain.Renderer.RenderAsync(plain.Animated(plainAudio), default);
        var outcome = await captioned.Renderer.RenderAsync(captioned.Animated(captionedAudio) with { Captions = s_cues }, default);

        Assert.Equal(Renderer.Animator, outcome.Renderer);
        var plainVideo = plain.Animated(plainAudio).VideoPath;
        var video = captioned.Animated(captionedAudio).VideoPath;
        foreach (var (at, on) in new[] { (0.2, false), (1.0, true), (1.96, false), (3.0, true), (3.9, false) })
        {
            var difference = MeanDifference(await BottomBandAsync(plainVideo, at), await BottomBandAsync(video, at));
            Assert.True(on ? difference > 3.0 : difference < 2.0, $"at {at} s the bottom band differs by {difference:0.00}");
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Burning_captions_into_a_minute_of_still_image_keeps_it_a_stream_copy_of_short_segments()
    {
        using var plain = new EngineHarness();
        using var captioned = new EngineHarness();
        var plainAudio = await plain.ToneAsync(60);
        var captionedAudio = await captioned.ToneAsync(60);
        // A cue every 2.4 s, as speech gives: 25 cues.
        var cues = Enumerable.Range(0, 25).Select(i => new CaptionCue(i * 2.4, i * 2.4 + 2.2, [$"Cue number {i} of the minute"])).ToList();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await plain.Renderer.RenderAsync(plain.Input(plainAudio), default);
        var plainMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var outcome = await captioned.Renderer.RenderAsync(captioned.Input(captionedAudio) with { Captions = cues }, default);
        var captionedMs = clock.ElapsedMilliseconds;

        output.WriteLine($"still image, 60 s, 25 cues: plain {plainMs} ms, captioned {captionedMs} ms");
        Assert.InRange(outcome.DurationSec, 59.9, 60.1);
        var info = (await captioned.Probe.TryProbeAsync(captioned.Input(captionedAudio).VideoPath, Demuxer.Mp4, default))!;
        Assert.InRange(info.DurationSec ?? 0, 59.9, 60.1);
    }

    private static double MeanDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }

    private static Task<byte[]> BottomBandAsync(string video, double at) => GrayAsync(video, at, "crop=iw:ih/4:0:ih*3/4");

    private static Task<byte[]> TopBandAsync(string video, double at) => GrayAsync(video, at, "crop=iw:ih/2:0:0");

    private static async Task<byte[]> GrayAsync(string video, double at, string crop)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var pixels = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-protocol_whitelist",
                "file,pipe",
                "-f",
                "mp4",
                "-i",
                video,
                "-ss",
                at.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-frames:v",
                "1",
                "-vf",
                $"{crop},format=gray",
                "-f",
                "rawvideo",
                "pipe:1",
            ])
            .WithStandardOutputPipe(PipeTarget.ToStream(pixels))
            .ExecuteAsync(timeout.Token);
        return pixels.ToArray();
    }
}
