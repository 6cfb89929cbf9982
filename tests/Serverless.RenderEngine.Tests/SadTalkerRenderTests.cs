using System.Diagnostics;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Tests;

public sealed class SadTalkerRenderTests
{
    /// <summary>The engine with the Python fake of SadTalker and the fake's own folder as SadTalker's root.</summary>
    private static EngineHarness WithSadTalker(string command, string? mode = null, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SADTALKER_CMD"] = mode is null ? command : $"env FAKE_SADTALKER_MODE={mode} {command}",
            ["SADTALKER_WORKDIR"] = EngineHarness.FakeSadTalkerRoot,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return new EngineHarness(settings);
    }

    private static readonly Dictionary<string, string?> s_forced = new() { ["FORCE_SADTALKER"] = "true" };

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_as_a_program_renders_and_its_video_gets_the_original_audio_and_the_guarantees()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram);
        var audio = await engine.ToneAsync(2.2, sampleRate: 44100);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        Assert.Null(outcome.FallbackReason);
        Assert.InRange(outcome.DurationSec, 2.1, 2.3);
        var info = (await engine.Probe.TryProbeAsync(engine.Input(audio).VideoPath, Demuxer.Mp4, default))!;
        Assert.Equal("25/1", info.Video!.FrameRate);
        Assert.InRange(info.Video.Width, 2, 1080);
        Assert.Equal(info.Video.Width, info.Video.Height); // the square portrait, pasted back whole (--preprocess full)
        Assert.Equal(("aac", "44100"), (info.Audio!.CodecName, info.Audio.SampleRate));
        Assert.True(File.Exists(engine.Input(audio).PosterPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_as_a_command_string_renders_too()
    {
        using var engine = WithSadTalker($"python3 {Path.Combine(EngineHarness.FakeSadTalkerRoot, "inference.py")}");
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("PYTHONUNBUFFERED=1")] // the image's setting: the first print meets the pipe
    [InlineData("-u PYTHONUNBUFFERED")] // buffered: a closed stdout would only show at exit (code 120)
    public async Task SadTalker_prints_on_stdout_and_renders_whether_or_not_Python_buffers_it(string environment)
    {
        using var engine = WithSadTalker($"env {environment} {EngineHarness.FakeSadTalkerProgram}", more: s_forced);
        var audio = await engine.ToneAsync(1.2);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_WebP_portrait_reaches_SadTalker_as_a_PNG()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, more: s_forced);
        var audio = await engine.ToneAsync(1.2);
        var webp = await engine.ConvertPortraitAsync("portrait.webp");

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio, webp), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("no_video", RenderErrorCode.Crash, "exited without writing a video")]
    [InlineData("no_coeffs", RenderErrorCode.NoFace, "could not find a face")]
    [InlineData("no_face", RenderErrorCode.NoFace, "could not find a face")]
    [InlineData("oom", RenderErrorCode.OutOfMemory, "out of GPU memory")]
    [InlineData("oom_cuda_error", RenderErrorCode.OutOfMemory, "out of GPU memory")]
    [InlineData("oom_cublas", RenderErrorCode.OutOfMemory, "out of GPU memory")]
    [InlineData("oom_host", RenderErrorCode.OutOfMemory, "out of host memory")]
    [InlineData("oom_killed", RenderErrorCode.OutOfMemory, "out of host memory")]
    [InlineData("crash", RenderErrorCode.Crash, "exit code 1")]
    public async Task A_failing_SadTalker_is_classified_and_the_fallback_renders(string mode, RenderErrorCode code, string message)
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, mode);
        var audio = await engine.ToneAsync(1.2);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.Equal(code, outcome.FallbackReason!.Code);
        Assert.Contains(message, outcome.FallbackReason.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_FORCE_SADTALKER_a_failing_SadTalker_fails_the_render_with_its_classified_error()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, "no_face", s_forced);
        var audio = await engine.ToneAsync(1.2);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.NoFace, error.Error.Code);
        Assert.Contains("can not detect the landmark", error.Error.StderrTail);
        Assert.Contains("TypeError: exceptions must derive from BaseException", error.Error.StderrTail);
        Assert.False(File.Exists(engine.Input(audio).VideoPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_face_SadTalker_cannot_find_is_told_on_stdout_and_still_classified()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, "no_coeffs", s_forced);
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.NoFace, error.Error.Code);
        Assert.Contains("Can't get the coeffs of the input", error.Error.StderrTail);
    }

    [Fact(Timeout = 60_000)]
    public async Task Landmark_detection_looping_on_out_of_memory_is_stopped_early_as_out_of_memory()
    {
        using var engine = WithSadTalker(
            EngineHarness.FakeSadTalkerProgram,
            "oom_loop",
            new Dictionary<string, string?>(s_forced) { ["SADTALKER_TIMEOUT_SECONDS"] = "50" }
        );
        var audio = await engine.ToneAsync(1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.OutOfMemory, error.Error.Code);
        Assert.Contains("was stopped", error.Error.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 40);
    }

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_run_outside_its_folder_reports_missing_checkpoints()
    {
        using var engine = new EngineHarness(
            new Dictionary<string, string?>
            {
                ["SADTALKER_CMD"] = EngineHarness.FakeSadTalkerProgram,
                ["SADTALKER_WORKDIR"] = Directory.CreateTempSubdirectory("no-checkpoints-").FullName,
                ["FORCE_SADTALKER"] = "true",
            }
        );
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.MissingCheckpoints, error.Error.Code);
        Assert.Contains("gfpgan/weights", error.Error.StderrTail);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("checkpoints/*", "./checkpoints/epoch_20.pth")]
    [InlineData("checkpoints/SadTalker_V0.0.2_256.safetensors", "SadTalker_V0.0.2_256.safetensors")]
    [InlineData("checkpoints/mapping_00109-model.pth.tar", "mapping_00109-model.pth.tar")]
    [InlineData("gfpgan/weights/GFPGANv1.4.pth", "urlopen error")]
    [InlineData("gfpgan/weights/parsing_parsenet.pth", "urlopen error")]
    public async Task A_missing_weight_is_reported_as_missing_checkpoints(string missing, string told)
    {
        using var engine = new EngineHarness();
        using var broken = WithSadTalker(
            EngineHarness.FakeSadTalkerProgram,
            more: new Dictionary<string, string?>(s_forced) { ["SADTALKER_WORKDIR"] = engine.BrokenSadTalkerRoot(missing) }
        );
        var audio = await broken.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => broken.Renderer.RenderAsync(broken.Input(audio), default));

        Assert.Equal(RenderErrorCode.MissingCheckpoints, error.Error.Code);
        Assert.Contains(told, error.Error.StderrTail);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_argument_SadTalker_does_not_know_fails_like_argparse_does()
    {
        using var engine = WithSadTalker(
            EngineHarness.FakeSadTalkerProgram,
            more: new Dictionary<string, string?>(s_forced) { ["SADTALKER_ARGS"] = "--device cuda" }
        );
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Contains("exit code 2", error.Error.Message);
        Assert.Contains("unrecognized arguments: --device cuda", error.Error.StderrTail);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hanging_SadTalker_times_out_and_its_whole_process_tree_is_killed()
    {
        var pidFile = Path.GetTempFileName();
        using var engine = WithSadTalker(
            $"env FAKE_SADTALKER_PIDFILE={pidFile} {EngineHarness.FakeSadTalkerProgram}",
            "hang",
            // Long enough for the fake to start its child on a loaded machine (3 s was not, beside the other tests).
            new Dictionary<string, string?>(s_forced) { ["SADTALKER_TIMEOUT_SECONDS"] = "10" }
        );
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.Timeout, error.Error.Code);
        var child = int.Parse(await File.ReadAllTextAsync(pidFile));
        await Serverless.TestFixtures.Eventually.TrueAsync(
            () => !Directory.Exists($"/proc/{child}") || File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "SadTalker's child process to be killed"
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task In_its_simulated_GPU_mode_the_fake_takes_a_model_load_plus_a_time_per_second_of_audio()
    {
        using var engine = WithSadTalker(
            $"env FAKE_SADTALKER_GPU=1 FAKE_SADTALKER_LOAD_SECONDS=1.5 FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND=2 {EngineHarness.FakeSadTalkerProgram}",
            more: s_forced
        );
        var audio = await engine.ToneAsync(1);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        Assert.True(outcome.RenderMs >= 3500, $"1.5 s + 2 s per second of audio, not {outcome.RenderMs} ms");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_SadTalker_falls_back_and_says_so()
    {
        using var engine = new EngineHarness();
        var audio = await engine.ToneAsync(1);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio) with { Renderer = RendererChoice.Auto }, default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
    }

    [Fact(Timeout = 60_000)]
    public async Task Secrets_in_SadTalker_stderr_never_reach_the_error()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, "leak_secret", s_forced);
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Contains("ConnectionError", error.Error.StderrTail);
        Assert.DoesNotContain("deadbeefcafe", error.Error.StderrTail);
        Assert.DoesNotContain("AKIAEXAMPLE", error.Error.StderrTail);
        Assert.DoesNotContain("sk-live-secret-token-123456", error.Error.StderrTail);
    }
}
