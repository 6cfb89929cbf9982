using CliWrap;
using CliWrap.Buffered;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests;

/// <summary>The repository's shell scripts (scripts/install-prereqs.sh installs shellcheck).</summary>
public sealed class ShellScriptTests
{
    [Fact(Timeout = 60_000)]
    public async Task Every_shell_script_passes_shellcheck()
    {
        string[] scripts =
        [
            "gpu-container/sadtalker",
            .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "gpu-container"), "*.sh"),
            .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "scripts"), "*.sh"),
        ];

        var result = await Cli.Wrap("shellcheck")
            .WithArguments(scripts)
            .WithWorkingDirectory(RepoPaths.Root)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_weight_check_accepts_a_complete_root_and_names_every_empty_or_missing_weight()
    {
        using var engine = new EngineHarness();
        var broken = engine.BrokenSadTalkerRoot("gfpgan/weights/GFPGANv1.4.pth");
        await File.WriteAllBytesAsync(Path.Combine(broken, "checkpoints", "mapping_00109-model.pth.tar"), []);

        var complete = await Check(EngineHarness.FakeSadTalkerRoot);
        var incomplete = await Check(broken);

        Assert.Equal(0, complete.ExitCode);
        Assert.Equal(1, incomplete.ExitCode);
        Assert.Contains("GFPGANv1.4.pth", incomplete.StandardError);
        Assert.Contains("mapping_00109-model.pth.tar", incomplete.StandardError);
        Assert.DoesNotContain("mapping_00229-model.pth.tar", incomplete.StandardError);
    }

    private static Task<BufferedCommandResult> Check(string root) =>
        Cli.Wrap(Path.Combine(RepoPaths.Root, "gpu-container", "check-sadtalker-weights.sh"))
            .WithArguments([root])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
}
