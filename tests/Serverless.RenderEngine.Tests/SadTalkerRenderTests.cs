using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests;

public sealed class SadTalkerRenderTests
{
    private static EngineHarness WithSadTalker(string command, string? mode = null, IDictionary<string, string?>? more = null)
    {
        var workDir = Directory.CreateTempSubdirectory("sadtalker-root-").FullName;
        Directory.CreateDirectory(Path.Combine(workDir, "checkpoints"));
        var settings = new Dictionary<string, string?>
        {
            ["SADTALKER_CMD"] = mode is null ? command : $"env FAKE_SADTALKER_MODE={mode} {command}",
            ["SADTALKER_WORKDIR"] = workDir,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return new EngineHarness(settings);
    }

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_as_a_program_renders_and_its_video_gets_the_original_audio_and_the_guarantees()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram);
        var audio = await engine.ToneAsync(2.2, sampleRate: 44100);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        Assert.Null(outcome.SadTalkerFailure);
        Assert.InRange(outcome.DurationSec, 2.1, 2.3);
        var info = (await engine.Probe.TryProbeAsync(engine.Input(audio).VideoPath, default))!;
        Assert.Equal("25/1", info.Video!.FrameRate);
        Assert.Equal((256, 256), (info.Video.Width, info.Video.Height));
        Assert.Equal(("aac", "44100"), (info.Audio!.CodecName, info.Audio.SampleRate));
        Assert.True(File.Exists(engine.Input(audio).PosterPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_as_a_command_string_renders_too()
    {
        using var engine = WithSadTalker($"dotnet {EngineHarness.FakeSadTalkerDll}");
        var audio = await engine.ToneAsync(1.5);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("no_video", RenderErrorCode.Crash, "exited without writing a video")]
    [InlineData("no_face", RenderErrorCode.NoFace, "could not find a face")]
    [InlineData("oom", RenderErrorCode.OutOfMemory, "out of GPU memory")]
    [InlineData("crash", RenderErrorCode.Crash, "exit code 1")]
    public async Task A_failing_SadTalker_is_classified_and_the_fallback_renders(string mode, RenderErrorCode code, string message)
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, mode);
        var audio = await engine.ToneAsync(1.2);

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio), default);

        Assert.Equal(Renderer.Ffmpeg, outcome.Renderer);
        Assert.Equal(code, outcome.SadTalkerFailure!.Code);
        Assert.Contains(message, outcome.SadTalkerFailure.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_FORCE_SADTALKER_a_failing_SadTalker_fails_the_render_with_its_classified_error()
    {
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, "no_face", new Dictionary<string, string?> { ["FORCE_SADTALKER"] = "true" });
        var audio = await engine.ToneAsync(1.2);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.NoFace, error.Error.Code);
        Assert.Contains("can not detect the landmark", error.Error.StderrTail);
        Assert.False(File.Exists(engine.Input(audio).VideoPath));
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
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hanging_SadTalker_times_out_and_its_whole_process_tree_is_killed()
    {
        var pidFile = Path.GetTempFileName();
        using var engine = WithSadTalker(
            $"env FAKE_SADTALKER_PIDFILE={pidFile} {EngineHarness.FakeSadTalkerProgram}",
            "hang",
            new Dictionary<string, string?> { ["SADTALKER_TIMEOUT_SECONDS"] = "3", ["FORCE_SADTALKER"] = "true" }
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
        using var engine = WithSadTalker(EngineHarness.FakeSadTalkerProgram, "leak_secret", new Dictionary<string, string?> { ["FORCE_SADTALKER"] = "true" });
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Contains("ConnectionError", error.Error.StderrTail);
        Assert.DoesNotContain("deadbeefcafe", error.Error.StderrTail);
        Assert.DoesNotContain("AKIAEXAMPLE", error.Error.StderrTail);
        Assert.DoesNotContain("sk-live-secret-token-123456", error.Error.StderrTail);
    }
}
