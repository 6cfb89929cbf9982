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

    [Fact(Timeout = 30_000)]
    public async Task Like_a_real_render_its_video_moves_in_every_frame()
    {
        var results = Path.Combine(_dir.FullName, "results");

        var result = await Fake([
                "--driven_audio",
                await ToneAsync(seconds: 3),
                "--source_image",
                Portrait(),
                "--result_dir",
                results,
                "--still",
                "--preprocess",
                "full",
            ])
            .ExecuteBufferedAsync();

        Assert.Equal(0, result.ExitCode);
        var frames = await GrayFramesAsync(Assert.Single(Directory.GetFiles(results)));
        Assert.Equal(75, frames.Count);
        for (var n = 1; n < frames.Count; n++)
        {
            var step = frames[n].Zip(frames[n - 1], (a, b) => Math.Abs(a - b)).Average();
            Assert.True(step > 2, $"frame {n} is {step:0.00} grey levels from the one before: (nearly) a repeat");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task It_logs_each_run_numbered_and_fails_only_the_runs_named_in_FAKE_SADTALKER_FAIL_RUNS()
    {
        var log = Path.Combine(_dir.FullName, "runs.jsonl");
        var settings = new Dictionary<string, string?> { ["FAKE_SADTALKER_RUNS_LOG"] = log, ["FAKE_SADTALKER_FAIL_RUNS"] = "1" };
        string[] arguments = ["--driven_audio", await ToneAsync(), "--source_image", Portrait(), "--result_dir", _dir.FullName];

        var first = await Fake(arguments, settings: settings).ExecuteBufferedAsync();
        var second = await Fake(arguments, settings: settings).ExecuteBufferedAsync();

        Assert.NotEqual(0, first.ExitCode);
        Assert.Contains("RuntimeError: The size of tensor a (64) must match the size of tensor b (32)", first.StandardError);
        Assert.Equal(0, second.ExitCode);
        var entries = File.ReadLines(log).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            ["start 1", "end 1 RuntimeError", "start 2", "end 2 returned"],
            entries.Select(e =>
                $"{e.GetProperty("event").GetString()} {e.GetProperty("run").GetInt32()}"
                + (e.TryGetProperty("outcome", out var o) ? $" {o.GetString()}" : "")
            )
        );
        Assert.Equal(1.0, entries[0].GetProperty("audioSeconds").GetDouble(), 3);
        Assert.Equal(entries[0].GetProperty("audioMd5").GetString(), entries[2].GetProperty("audioMd5").GetString());
    }

    private Command Fake(string[] arguments, string? unbuffered = "1", IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (!Directory.Exists(Path.Combine(_dir.FullName, "checkpoints")))
        {
            Directory.CreateSymbolicLink(
                Path.Combine(_dir.FullName, "checkpoints"),
                Path.Combine(EngineHarness.FakeSadTalkerRoot, "checkpoints")
            );
            Directory.CreateSymbolicLink(Path.Combine(_dir.FullName, "gfpgan"), Path.Combine(EngineHarness.FakeSadTalkerRoot, "gfpgan"));
        }
        return Cli.Wrap("python3")
            .WithArguments([Path.Combine(EngineHarness.FakeSadTalkerRoot, "inference.py"), .. arguments])
            .WithWorkingDirectory(_dir.FullName)
            .WithEnvironmentVariables(e =>
            {
                e.Set("PYTHONUNBUFFERED", unbuffered);
                if (settings is not null)
                    e.Set(settings);
            })
            .WithValidation(CommandResultValidation.None);
    }

    private async Task<string> ToneAsync(int seconds = 1)
    {
        var path = Path.Combine(_dir.FullName, $"tone{seconds}.wav");
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-f", "lavfi", "-i", $"sine=duration={seconds}", "-ar", "16000", path])
            .ExecuteAsync();
        return path;
    }

    /// <summary>Every frame of a video, grey, 128² pixels.</summary>
    private static async Task<List<byte[]>> GrayFramesAsync(string video)
    {
        using var raw = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", video, "-vf", "scale=128:128,format=gray", "-f", "rawvideo", "-"])
            .WithStandardOutputPipe(PipeTarget.ToStream(raw))
            .ExecuteAsync();
        return [.. raw.ToArray().Chunk(128 * 128)];
    }

    private static string Portrait() => Serverless.TestFixtures.RepoPaths.SamplePortrait;

    public void Dispose() => _dir.Delete(recursive: true);
}
