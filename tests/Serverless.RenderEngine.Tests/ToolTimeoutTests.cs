using Serverless.Contracts;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests;

public sealed class ToolTimeoutTests
{
    [Fact(Timeout = 60_000)]
    public async Task An_ffmpeg_that_hangs_is_killed_with_its_children_after_the_tool_timeout_and_the_render_fails_as_a_timeout()
    {
        using var hanging = HangingProgram.Create();
        using var engine = new EngineHarness(
            new Dictionary<string, string?> { ["FFMPEG_CMD"] = hanging.Command, ["FFMPEG_TIMEOUT_SECONDS"] = "2" }
        );
        var audio = engine.File("speech.wav", [.. "RIFF\0\0\0\0WAVEfmt "u8, .. new byte[100]]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.True(error.Error.Code == RenderErrorCode.Timeout, error.Error.ToString());
        Assert.Equal("ffmpeg did not finish within 2 s and was stopped.", error.Error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
        Assert.NotEmpty(hanging.Pids);
        await Eventually.TrueAsync(() => hanging.Running.Count == 0, TimeSpan.FromSeconds(10), "every ffmpeg and its child to be killed");
    }
}
