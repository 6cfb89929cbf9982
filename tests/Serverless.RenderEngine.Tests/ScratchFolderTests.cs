using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests;

public sealed class ScratchFolderTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_engine_works_inside_the_scratch_folder_it_is_given_and_leaves_it_to_its_owner()
    {
        using var engine = new EngineHarness();
        var audio = await engine.ToneAsync(1);
        var scratch = Directory.CreateDirectory(Path.Combine(engine.Dir, "job")).FullName;

        await engine.Renderer.RenderAsync(engine.Input(audio) with { Renderer = RendererChoice.Ffmpeg, ScratchDir = scratch }, default);

        Assert.True(File.Exists(Path.Combine(scratch, "render", "speech.m4a")), "the engine's files are in the given folder");
    }

    [Fact(Timeout = 60_000)]
    public async Task SadTalker_runs_in_a_writable_folder_of_its_own_that_links_the_weights_of_its_root()
    {
        using var engine = new EngineHarness(
            new Dictionary<string, string?>
            {
                ["SADTALKER_CMD"] = EngineHarness.FakeSadTalkerProgram,
                ["SADTALKER_WORKDIR"] = EngineHarness.FakeSadTalkerRoot,
            }
        );
        var audio = await engine.ToneAsync(1);
        var scratch = Directory.CreateDirectory(Path.Combine(engine.Dir, "job")).FullName;

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio) with { ScratchDir = scratch }, default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        var workingFolder = Path.Combine(scratch, "render", "sadtalker", "cwd");
        foreach (var linked in new[] { "checkpoints", "gfpgan" })
            Assert.Equal(Path.Combine(EngineHarness.FakeSadTalkerRoot, linked), new DirectoryInfo(Path.Combine(workingFolder, linked)).LinkTarget);
        Assert.True(File.Exists(Path.Combine(scratch, "render", "sadtalker", "portrait.png")), "SadTalker was handed a PNG");
    }
}
