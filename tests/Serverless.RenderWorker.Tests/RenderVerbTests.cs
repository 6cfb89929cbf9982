using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.RenderWorker.Tests;

/// <summary>The <c>render</c> verb as a real process, through the real engine.</summary>
public sealed class RenderVerbTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("render-verb-");

    [Fact(Timeout = 120_000)]
    public async Task The_render_verb_renders_a_local_portrait_with_ffmpeg_and_prints_a_one_line_json_summary()
    {
        var audio = Path.Combine(_dir.FullName, "speech.wav");
        await File.WriteAllBytesAsync(audio, TestMedia.SineWav(TimeSpan.FromSeconds(1.5)));
        var output = Path.Combine(_dir.FullName, "out", "video.mp4");

        var result = await RunAsync("--image", RepoPaths.SamplePortrait, "--audio", audio, "--out", output, "--renderer", "ffmpeg");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var summary = JsonDocument.Parse(result.StandardOutput.Trim());
        Assert.Equal("succeeded", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("ffmpeg", summary.RootElement.GetProperty("renderer").GetString());
        Assert.Equal(output, summary.RootElement.GetProperty("out").GetString());
        Assert.InRange(summary.RootElement.GetProperty("durationSec").GetDouble(), 1.0, 2.5);
        Assert.True(TestMedia.IsMp4(await File.ReadAllBytesAsync(output)), "an MP4 was written");
        Assert.True(
            TestMedia.IsJpeg(await File.ReadAllBytesAsync(Path.ChangeExtension(output, ".jpg"))),
            "a poster was written next to it"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task The_render_verb_animates_the_portrait_when_asked_for_the_animator()
    {
        var audio = Path.Combine(_dir.FullName, "speech.wav");
        await File.WriteAllBytesAsync(audio, TestMedia.SineWav(TimeSpan.FromSeconds(1.5)));
        var output = Path.Combine(_dir.FullName, "animated.mp4");

        var result = await RunAsync("--image", RepoPaths.SamplePortrait, "--audio", audio, "--out", output, "--renderer", "animator");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var summary = JsonDocument.Parse(result.StandardOutput.Trim());
        Assert.Equal("animator", summary.RootElement.GetProperty("renderer").GetString());
        Assert.True(TestMedia.IsMp4(await File.ReadAllBytesAsync(output)), "an MP4 was written");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_render_verb_exits_non_zero_with_a_classified_error_when_the_image_is_missing()
    {
        var result = await RunAsync(
            "--image",
            Path.Combine(_dir.FullName, "missing.png"),
            "--audio",
            Path.Combine(_dir.FullName, "missing.wav"),
            "--out",
            Path.Combine(_dir.FullName, "video.mp4")
        );

        Assert.NotEqual(0, result.ExitCode);
        using var summary = JsonDocument.Parse(result.StandardOutput.Trim());
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("bad_input", summary.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static Task<BufferedCommandResult> RunAsync(params string[] arguments) =>
        Cli.Wrap("dotnet")
            // The program as built, with its own dependencies (this test assembly's folder resolves some of them differently).
            .WithArguments([RepoPaths.BuiltProgram("gpu-container/RenderWorker", "render-worker"), "render", .. arguments])
            .WithEnvironmentVariables(e => e.Set("SADTALKER_CMD", "/nonexistent/sadtalker").Set("FFMPEG_CMD", "ffmpeg"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

    public void Dispose() => _dir.Delete(recursive: true);
}
