using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.RenderEngine.Tests;

/// <summary>The fake fails where the real SadTalker fails: it is held to what its source shows.</summary>
public sealed class FakeSadTalkerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fake-sadtalker-");

    [Theory(Timeout = 30_000)]
    [InlineData("1", 1)] // BrokenPipeError at the first print
    [InlineData(null, 120)] // the buffered output fails to flush at exit
    public async Task Like_Python_it_dies_when_nobody_reads_its_stdout(string? unbuffered, int exitCode)
    {
        var stderr = new StringBuilder();

        // What CliWrap does with a stdout nobody asked for: the pipe is not read, and closed.
        var result = await Fake(["--driven_audio", await ToneAsync(), "--source_image", Portrait()], unbuffered)
            .WithStandardOutputPipe(PipeTarget.Null)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .ExecuteAsync();

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains("BrokenPipeError", stderr.ToString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--device", "cuda")]
    [InlineData("--preprocess", "fullbody")]
    public async Task It_rejects_what_SadTalker_argparse_rejects_with_exit_code_2(string option, string value)
    {
        var result = await Fake(["--driven_audio", await ToneAsync(), "--source_image", Portrait(), option, value]).ExecuteBufferedAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("inference.py: error:", result.StandardError);
    }

    [Fact(Timeout = 30_000)]
    public async Task It_writes_its_video_as_a_timestamped_file_in_the_result_folder_and_names_it_last_on_stdout()
    {
        var results = Path.Combine(_dir.FullName, "results");

        var result = await Fake([
                "--driven_audio",
                await ToneAsync(),
                "--source_image",
                Portrait(),
                "--result_dir",
                results,
                "--still",
                "--preprocess",
                "full",
            ])
            .ExecuteBufferedAsync();

        var video = Assert.Single(Directory.GetFiles(results));
        Assert.Matches(@"^\d{4}_\d\d_\d\d_\d\d\.\d\d\.\d\d\.mp4$", Path.GetFileName(video));
        Assert.EndsWith($"The generated video is named: {video}", result.StandardOutput.Trim());
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.mp4")); // its scratch files are moved away
    }

    private Command Fake(string[] arguments, string? unbuffered = "1")
    {
        Directory.CreateSymbolicLink(
            Path.Combine(_dir.FullName, "checkpoints"),
            Path.Combine(EngineHarness.FakeSadTalkerRoot, "checkpoints")
        );
        Directory.CreateSymbolicLink(Path.Combine(_dir.FullName, "gfpgan"), Path.Combine(EngineHarness.FakeSadTalkerRoot, "gfpgan"));
        return Cli.Wrap("python3")
            .WithArguments([Path.Combine(EngineHarness.FakeSadTalkerRoot, "inference.py"), .. arguments])
            .WithWorkingDirectory(_dir.FullName)
            .WithEnvironmentVariables(e => e.Set("PYTHONUNBUFFERED", unbuffered))
            .WithValidation(CommandResultValidation.None);
    }

    private async Task<string> ToneAsync()
    {
        var path = Path.Combine(_dir.FullName, "tone.wav");
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", "-ar", "16000", path])
            .ExecuteAsync();
        return path;
    }

    private static string Portrait() => Serverless.TestFixtures.RepoPaths.SamplePortrait;

    public void Dispose() => _dir.Delete(recursive: true);
}
