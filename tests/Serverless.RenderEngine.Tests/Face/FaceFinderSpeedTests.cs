using System.Diagnostics;
using Serverless.RenderEngine.Animator.Face;
using Xunit.Abstractions;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>Logs how long a face search takes (not a timed test: the machine is shared).</summary>
public sealed class FaceFinderSpeedTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(512)]
    [InlineData(1080)]
    public void Finding_the_face_and_its_landmarks_is_measured(int side)
    {
        var scale = side / 512f;
        var image = PortraitImages.Warp(PortraitImages.Portrait, side, side, (x, y) => (x / scale, y / scale));
        var finder = FaceModels.Finder;
        finder.Find(image, default); // loads the models and warms the code up

        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        const int runs = 3;
        FaceSearch search = FaceSearch.NotFound("not run");
        for (var i = 0; i < runs; i++)
            search = finder.Find(image, default);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;

        output.WriteLine($"{side} px: {watch.Elapsed.TotalMilliseconds / runs:F0} ms a search (wall), {cpuMs:F0} ms CPU");
        Assert.NotNull(search.Face);
    }

    [Fact]
    public void Loading_the_landmark_model_is_measured()
    {
        var watch = Stopwatch.StartNew();
        var model = ShapePredictorModel.Load(FaceModels.LandmarksPath);
        output.WriteLine($"Model loaded in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(68, model.PartCount);
    }
}
