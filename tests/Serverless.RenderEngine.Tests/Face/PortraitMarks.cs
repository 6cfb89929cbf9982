using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>
/// Points of samples/portrait.png marked by hand once (on 16–32x zoomed crops with a pixel grid), in pixels of the
/// picture with pixel centres at whole numbers; "right" and "left" as seen in the picture.
/// </summary>
internal static class PortraitMarks
{
    public static readonly IReadOnlyList<Mark> All =
    [
        new("right eye centre", 202.5f, 101.3f, points => Mean(points, 36, 41), "left eye centre"),
        new("left eye centre", 247.3f, 103.0f, points => Mean(points, 42, 47), "right eye centre"),
        new("right mouth corner", 202.0f, 139.8f, points => points[48], "left mouth corner"),
        new("left mouth corner", 244.3f, 141.3f, points => points[54], "right mouth corner"),
        new("upper lip centre", 223.5f, 140.0f, points => points[51], "upper lip centre"),
        new("lower lip centre", 223.5f, 154.3f, points => points[57], "lower lip centre"),
    ];

    public static float EyeDistance(Func<LandmarkPoint, LandmarkPoint> transform)
    {
        var right = transform(All[0].Point);
        var left = transform(All[1].Point);
        return MathF.Sqrt((left.X - right.X) * (left.X - right.X) + (left.Y - right.Y) * (left.Y - right.Y));
    }

    private static LandmarkPoint Mean(IReadOnlyList<LandmarkPoint> points, int first, int last)
    {
        var range = points.Skip(first).Take(last - first + 1).ToList();
        return new(range.Average(p => p.X), range.Average(p => p.Y));
    }

    /// <param name="MirrorName">The mark that takes this one's place in the mirrored picture.</param>
    public sealed record Mark(string Name, float X, float Y, Func<IReadOnlyList<LandmarkPoint>, LandmarkPoint> Measure, string MirrorName)
    {
        public LandmarkPoint Point => new(X, Y);
    }
}
