using System.Runtime.Versioning;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.RenderWorker.Tests;

/// <summary>
/// The image's <c>gpu-container/sadtalker</c> wrapper, run the way the image runs it: as uid 10001 (dropped with
/// setpriv when the tests run as root, as in CI), with a read-only SadTalker root holding the fake SadTalker as its
/// <c>inference.py</c>, with <c>PYTHONUNBUFFERED=1</c>, under <c>render-worker render --renderer sadtalker</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SadTalkerWrapperTests : IDisposable
{
    private const int ImageUser = 10001;
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Traversable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode Writable = Traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sadtalker-wrapper-");

    public SadTalkerWrapperTests() => File.SetUnixFileMode(_dir.FullName, Traversable);

    [Theory(Timeout = 120_000)]
    [InlineData(true)] // the image: SADTALKER_WORKDIR names the root as well
    [InlineData(false)] // only the wrapper knows the root
    public async Task The_render_verb_renders_with_SadTalker_through_the_wrapper_as_the_image_runs_it(bool workDirSet)
    {
        var root = ReadOnlySadTalkerRoot();
        var programs = CopyForTheImageUser(
            Path.GetDirectoryName(RepoPaths.BuiltProgram("gpu-container/RenderWorker", "render-worker"))!,
            "app"
        );
        var wrapper = CopyForTheImageUser(Path.Combine(RepoPaths.Root, "gpu-container", "sadtalker"), "sadtalker");
        var portrait = CopyForTheImageUser(RepoPaths.SamplePortrait, "portrait.png");
        var audio = Path.Combine(_dir.FullName, "speech.wav");
        await File.WriteAllBytesAsync(audio, TestMedia.SineWav(TimeSpan.FromSeconds(1.5)));
        File.SetUnixFileMode(audio, Readable);
        var output = Path.Combine(WritableFolder("out"), "video.mp4");

        var result = await AsTheImageUser(
                "dotnet",
                Path.Combine(programs, "render-worker.dll"),
                "render",
                "--image",
                portrait,
                "--audio",
                audio,
                "--out",
                output,
                "--renderer",
                "sadtalker"
            )
            .WithWorkingDirectory(programs)
            .WithEnvironmentVariables(e =>
                e.Set("SADTALKER_CMD", wrapper)
                    .Set("SADTALKER_HOME", root)
                    .Set("SADTALKER_PYTHON", Python)
                    .Set("SADTALKER_WORKDIR", workDirSet ? root : null)
                    .Set("PYTHONUNBUFFERED", "1")
                    .Set("FFMPEG_CMD", "ffmpeg")
                    .Set("WORK_DIR", WritableFolder("render"))
                    .Set("TMPDIR", WritableFolder("tmp"))
                    .Set("HOME", WritableFolder("home"))
                    .Set("DOTNET_CLI_HOME", WritableFolder("home"))
            )
            .ExecuteBufferedAsync();

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        using var summary = JsonDocument.Parse(result.StandardOutput.Trim());
        Assert.Equal("sadtalker", summary.RootElement.GetProperty("renderer").GetString());
        Assert.True(TestMedia.IsMp4(await File.ReadAllBytesAsync(output)), "an MP4 was written");
    }

    [Fact(Timeout = 60_000)]
    public async Task Started_in_a_folder_it_cannot_write_the_wrapper_runs_SadTalker_in_a_temporary_folder_and_removes_it()
    {
        var root = ReadOnlySadTalkerRoot();
        var wrapper = CopyForTheImageUser(Path.Combine(RepoPaths.Root, "gpu-container", "sadtalker"), "sadtalker");
        var portrait = CopyForTheImageUser(RepoPaths.SamplePortrait, "portrait.png");
        var audio = Path.Combine(_dir.FullName, "speech.wav");
        await File.WriteAllBytesAsync(audio, TestMedia.SineWav(TimeSpan.FromSeconds(1)));
        File.SetUnixFileMode(audio, Readable);
        var results = WritableFolder("results");
        var tmp = WritableFolder("tmp");

        var result = await AsTheImageUser(
                wrapper,
                "--driven_audio",
                audio,
                "--source_image",
                portrait,
                "--result_dir",
                results,
                "--still",
                "--preprocess",
                "full"
            )
            .WithWorkingDirectory(root)
            .WithEnvironmentVariables(e =>
                e.Set("SADTALKER_HOME", root).Set("SADTALKER_PYTHON", Python).Set("PYTHONUNBUFFERED", "1").Set("TMPDIR", tmp)
            )
            .ExecuteBufferedAsync();

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Single(Directory.GetFiles(results, "*.mp4"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
    }

    /// <summary>The command as uid 10001 when the tests run as root (as in CI); else as the current, unprivileged user.</summary>
    private static Command AsTheImageUser(params string[] command) =>
        (
            Environment.IsPrivilegedProcess
                ? Cli.Wrap("setpriv").WithArguments([$"--reuid={ImageUser}", $"--regid={ImageUser}", "--clear-groups", .. command])
                : Cli.Wrap(command[0]).WithArguments(command[1..])
        ).WithValidation(CommandResultValidation.None);

    /// <summary>The Python the image user can run (pyenv shims under /root are not readable for it).</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The fake's folder (inference.py, src/config, checkpoints, gfpgan/weights), copied and made read-only for everyone.</summary>
    private string ReadOnlySadTalkerRoot()
    {
        var fake = Path.GetDirectoryName(RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker"))!;
        var root = Path.Combine(_dir.FullName, "SadTalker");
        foreach (var relative in new[] { "inference.py", "src/config", "checkpoints", "gfpgan/weights" })
            Copy(Path.Combine(fake, relative), Path.Combine(root, relative));
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root).Reverse())
            File.SetUnixFileMode(
                entry,
                Directory.Exists(entry) ? Traversable & ~UnixFileMode.UserWrite : Readable & ~UnixFileMode.UserWrite
            );
        return root;
    }

    private string CopyForTheImageUser(string source, string name)
    {
        var target = Path.Combine(_dir.FullName, name);
        Copy(source, target);
        foreach (
            var entry in Directory.Exists(target)
                ? Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories).Append(target)
                : [target]
        )
            File.SetUnixFileMode(entry, Traversable);
        return target;
    }

    private string WritableFolder(string name)
    {
        var path = Directory.CreateDirectory(Path.Combine(_dir.FullName, name)).FullName;
        File.SetUnixFileMode(path, Writable);
        return path;
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }

    public void Dispose()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_dir.FullName, "*", SearchOption.AllDirectories).Append(_dir.FullName))
            File.SetUnixFileMode(
                entry,
                File.GetUnixFileMode(entry) | UnixFileMode.UserWrite | UnixFileMode.UserRead | UnixFileMode.UserExecute
            );
        _dir.Delete(recursive: true);
    }
}
