using System.Numerics;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>The 68 iBUG landmarks of samples/portrait.png (512×512), marked by hand once on a 4× zoom.</summary>
internal static class MarkedPortrait
{
    private static readonly (float X, float Y)[] s_points =
    [
        (183.75f, 106.25f),
        (184.5f, 120f),
        (186.25f, 132.5f),
        (187.5f, 145f),
        (191.25f, 157.5f),
        (196.25f, 168.75f),
        (203.75f, 177.5f),
        (213.75f, 183.75f),
        (225f, 186.25f),
        (236.25f, 183.75f),
        (246.25f, 177.5f),
        (253.75f, 168.75f),
        (260f, 157.5f),
        (263.75f, 145f),
        (263.75f, 131.25f),
        (265.5f, 119.5f),
        (266.25f, 107.5f),
        (190f, 93.75f),
        (196.25f, 90f),
        (203.75f, 88.75f),
        (211.25f, 89.5f),
        (217.5f, 92f),
        (232.5f, 92f),
        (239.5f, 89.5f),
        (247f, 89.25f),
        (254.5f, 90.5f),
        (260f, 93.75f),
        (225f, 100f),
        (225f, 108f),
        (225f, 115.5f),
        (225f, 123.25f),
        (217f, 127.5f),
        (220.75f, 128.75f),
        (225f, 130f),
        (229.25f, 128.75f),
        (233f, 127.5f),
        (195f, 101.25f),
        (199.5f, 99f),
        (205.5f, 99f),
        (210.5f, 102f),
        (205.5f, 103.5f),
        (199.5f, 103.5f),
        (237.5f, 103f),
        (242.5f, 100f),
        (248.75f, 100f),
        (253.75f, 102.5f),
        (248.75f, 104.5f),
        (242.5f, 104.5f),
        (202.5f, 141.25f),
        (208.75f, 138.75f),
        (215f, 137.5f),
        (223f, 138.25f),
        (230.5f, 137.5f),
        (237f, 138.75f),
        (244.5f, 141.25f),
        (238.75f, 147.5f),
        (232f, 152f),
        (223f, 153.75f),
        (214.5f, 152f),
        (208f, 147.5f),
        (204.5f, 141.25f),
        (214.5f, 140.5f),
        (223f, 141f),
        (232f, 140.5f),
        (242.5f, 141.25f),
        (232.5f, 148f),
        (223f, 149.5f),
        (214f, 148f),
    ];

    public const int Size = 512;

    public static IReadOnlyList<Vector2> Points => [.. s_points.Select(p => new Vector2(p.X, p.Y))];

    /// <summary>The landmarks of a copy of the sample whose pixels moved by <paramref name="transform"/> (mirroring swaps the sides).</summary>
    public static FaceLandmarks Landmarks(Func<Vector2, Vector2> transform, bool mirrored = false)
    {
        var moved = Points.Select(transform).ToArray();
        if (mirrored)
            moved = [.. MirrorOrder.Select(i => moved[i])];
        var min = moved.Aggregate(Vector2.Min);
        var max = moved.Aggregate(Vector2.Max);
        return new FaceLandmarks(
            [.. moved.Select(p => new LandmarkPoint(p.X, p.Y))],
            new FaceBox(min.X, min.Y, max.X - min.X, max.Y - min.Y)
        );
    }

    /// <summary>For each iBUG index, the index of the same place on a mirrored face.</summary>
    private static readonly int[] MirrorOrder =
    [
        16,
        15,
        14,
        13,
        12,
        11,
        10,
        9,
        8,
        7,
        6,
        5,
        4,
        3,
        2,
        1,
        0,
        26,
        25,
        24,
        23,
        22,
        21,
        20,
        19,
        18,
        17,
        27,
        28,
        29,
        30,
        35,
        34,
        33,
        32,
        31,
        45,
        44,
        43,
        42,
        47,
        46,
        39,
        38,
        37,
        36,
        41,
        40,
        54,
        53,
        52,
        51,
        50,
        49,
        48,
        59,
        58,
        57,
        56,
        55,
        64,
        63,
        62,
        61,
        60,
        67,
        66,
        65,
    ];
}
