using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests;

public sealed class ScratchFolderTests
{
    [Fact(Timeout = 60_000)]
    public async Task SadTalker_runs_inside_the_callers_scratch_folder_in_a_writable_folder_that_links_the_weights()
    {
        using var probe = new EngineHarness();
        var record = Path.Combine(probe.Dir, "seen.txt");
        var fake = Path.Combine(EngineHarness.FakeSadTalkerRoot, "inference.py");
        // A spy in front of the fake: where it was started, and what it found there.
        using var engine = new EngineHarness(
            new Dictionary<string, string?>
            {
                ["SADTALKER_CMD"] =
                    $"sh -c 'pwd -P > {record}; readlink checkpoints gfpgan >> {record}; [ -w . ] && echo writable >> {record}; exec python3 {fake} \"$@\"' sadtalker",
                ["SADTALKER_WORKDIR"] = EngineHarness.FakeSadTalkerRoot,
            }
        );
        var audio = await engine.ToneAsync(1);
        var scratch = Directory.CreateDirectory(Path.Combine(engine.Dir, "job")).FullName;

        var outcome = await engine.Renderer.RenderAsync(engine.Input(audio) with { ScratchDir = scratch }, default);

        Assert.Equal(Renderer.SadTalker, outcome.Renderer);
        var seen = await File.ReadAllLinesAsync(record);
        Assert.StartsWith(scratch + "/", seen[0]);
        Assert.Equal(Path.Combine(EngineHarness.FakeSadTalkerRoot, "checkpoints"), seen[1]);
        Assert.Equal(Path.Combine(EngineHarness.FakeSadTalkerRoot, "gfpgan"), seen[2]);
        Assert.Equal("writable", seen[3]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch)); // the engine's folder is gone, the caller's stays
    }
}
