using System.Diagnostics;
using Serverless.RenderEngine.Animator.Face;
using Xunit.Abstractions;

namespace Serverless.RenderEngine.Tests.Face;

public sealed class ShapePredictorModelTests(ITestOutputHelper output)
{
    [Fact]
    public void The_installed_68_point_model_reads_as_15_levels_of_500_depth_4_trees_on_500_pixels()
    {
        var watch = Stopwatch.StartNew();
        var model = ShapePredictorModel.Load(FaceModels.LandmarksPath);
        output.WriteLine($"Loaded in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(68, model.PartCount);
        Assert.Equal(15, model.Levels.Count);
        Assert.All(
            model.Levels,
            level =>
            {
                Assert.Equal(500, level.Trees.Count);
                Assert.Equal(500, level.PixelCount);
                Assert.All(level.Trees, tree => Assert.Equal((15, 16), (tree.SplitCount, tree.LeafCount)));
            }
        );
        // The mean shape lies in the face box: the detector's box spans the face from brows to chin.
        Assert.All(model.MeanShape, coordinate => Assert.InRange(coordinate, -0.2f, 1.2f));
    }

    [Fact]
    public void A_truncated_model_is_an_error_that_says_so()
    {
        var head = new byte[1 << 20];
        using (var file = File.OpenRead(FaceModels.LandmarksPath))
            file.ReadExactly(head);

        var error = Assert.Throws<InvalidDataException>(() => ShapePredictorModel.Read(new MemoryStream(head), "cut.dat"));

        Assert.Contains("cut.dat", error.Message);
        Assert.Contains("ends early", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x02 }, "version is 2")]
    [InlineData(new byte[] { 0x01, 0x01, 0x81, 0x88, 0x81, 0x02 }, "136x2 matrix")]
    [InlineData(new byte[] { 0x3c, 0x3f, 0x78, 0x6d, 0x6c }, "invalid control byte")]
    [InlineData(new byte[0], "ends early")]
    public void A_file_that_is_not_a_shape_predictor_is_an_error_that_says_why(byte[] content, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => ShapePredictorModel.Read(new MemoryStream(content), "bad.dat"));

        Assert.Contains(reason, error.Message);
    }
}
