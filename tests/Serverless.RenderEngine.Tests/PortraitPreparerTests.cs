using Microsoft.Extensions.DependencyInjection;
using Serverless.RenderEngine.Media;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests;

public sealed class PortraitPreparerTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("big.jpg", "2400:2400", 1080, 1080)]
    [InlineData("wide.png", "2160:1080", 1080, 540)]
    [InlineData("tall.jpg", "600:1500", 432, 1080)]
    [InlineData("small.webp", "300:300", 300, 300)]
    public async Task SadTalker_gets_a_png_at_most_1080_px_a_side(string name, string size, int expectedWidth, int expectedHeight)
    {
        using var engine = new EngineHarness();
        var image = await engine.ConvertPortraitAsync(name, size);
        var folder = Directory.CreateDirectory(Path.Combine(engine.Dir, "run")).FullName;

        var png = await engine.Services.GetRequiredService<PortraitPreparer>().PrepareAsync(image, folder, default);

        Assert.EndsWith(".png", png);
        var info = (await engine.Probe.TryProbeAsync(png, Demuxer.Png, default))!;
        Assert.Equal("png", info.Video!.CodecName);
        Assert.Equal((expectedWidth, expectedHeight), (info.Video.Width, info.Video.Height));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_png_that_fits_is_handed_over_unchanged()
    {
        using var engine = new EngineHarness();
        var folder = Directory.CreateDirectory(Path.Combine(engine.Dir, "run")).FullName;

        var png = await engine.Services.GetRequiredService<PortraitPreparer>().PrepareAsync(RepoPaths.SamplePortrait, folder, default);

        Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.SamplePortrait), await File.ReadAllBytesAsync(png));
    }
}
