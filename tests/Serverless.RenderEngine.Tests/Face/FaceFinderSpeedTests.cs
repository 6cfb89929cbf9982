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
        var cpu = ThreadCpuMilliseconds();
        const int runs = 5;
        FaceSearch search = FaceSearch.NotFound("not run");
        for (var i = 0; i < runs; i++)
            search = finder.Find(image, default);
        var cpuMs = (ThreadCpuMilliseconds() - cpu) / runs;

        output.WriteLine($"{side} px: {watch.Elapsed.TotalMilliseconds / runs:F0} ms a search (wall), {cpuMs:F0} ms of this thread's CPU");
        Assert.NotNull(search.Face);
    }

    [Fact]
    public void Loading_the_landmark_model_is_measured()
    {
        var watch = Stopwatch.StartNew();
        var cpu = ThreadCpuMilliseconds();
        var model = ShapePredictorModel.Load(FaceModels.LandmarksPath);
        output.WriteLine(
            $"Model loaded in {watch.ElapsedMilliseconds} ms (wall), {ThreadCpuMilliseconds() - cpu:F0} ms of this thread's CPU"
        );
        Assert.Equal(68, model.PartCount);
    }

    /// <summary>CPU time of the calling thread (user + system, Linux): what the work cost, however busy the machine.</summary>
    private static double ThreadCpuMilliseconds()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12.
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 1000.0 / 100;
    }
}
