using System.Numerics;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// The face's mesh and how its points move: the 68 landmarks plus helper points (under the jaw, between lids and
/// brows, on the forehead) and a ring of fixed points around the face, triangulated once. Each point has a weight
/// for the jaw's opening and one for the blink; a pose moves the points by those weights, so the warp falls off
/// smoothly to the fixed ring, where the warped face meets the untouched picture without a seam.
/// </summary>
public sealed class FaceRig
{
    /// <summary>How far the lower lip drops at full loudness, in eye distances.</summary>
    public const float JawDrop = 0.16f;

    private static readonly int[] s_upperInner = [60, 61, 62, 63, 64];
    private static readonly int[] s_lowerInner = [64, 65, 66, 67, 60];

    private readonly Vector2[] _jawWeights;
    private readonly float[] _blinkWeights;
    private readonly Vector2[] _blinkTargets;

    private FaceRig(
        Vector2[] rest,
        int[] triangles,
        Vector2[] jawWeights,
        float[] blinkWeights,
        Vector2[] blinkTargets,
        float eyeDistance,
        Vector2 down,
        RectBounds bounds
    )
    {
        Rest = rest;
        Triangles = triangles;
        _jawWeights = jawWeights;
        _blinkWeights = blinkWeights;
        _blinkTargets = blinkTargets;
        EyeDistance = eyeDistance;
        Down = down;
        Bounds = bounds;
    }

    /// <summary>Mesh points at rest, in portrait pixels (also the texture coordinates).</summary>
    public Vector2[] Rest { get; }

    /// <summary>Index triples into <see cref="Rest"/>.</summary>
    public int[] Triangles { get; }

    public float EyeDistance { get; }

    /// <summary>The face's own downward direction (perpendicular to the line between the eyes).</summary>
    public Vector2 Down { get; }

    /// <summary>The mesh's extent: only this part of the picture is warped.</summary>
    public RectBounds Bounds { get; }

    public Vector2 Chin => Rest[8];

    /// <summary>The inner lip contour's upper half (corner to corner) and lower half (back to the first corner).</summary>
    public static IReadOnlyList<int> UpperInnerLip => s_upperInner;

    public static IReadOnlyList<int> LowerInnerLip => s_lowerInner;

    public static FaceRig Build(FaceLandmarks face)
    {
        var p = face.Points.Select(l => new Vector2(l.X, l.Y)).ToArray();
        var rightEye = Centre(p, 36, 41);
        var leftEye = Centre(p, 42, 47);
        var across = leftEye - rightEye;
        var eyeDistance = MathF.Max(across.Length(), 1);
        var right = across / eyeDistance;
        var down = new Vector2(-right.Y, right.X);
        if (Vector2.Dot(down, p[8] - p[27]) < 0)
            down = -down;

        // A closed mouth's inner lips may coincide: keep the lower one a little below the upper one.
        foreach (var (upper, lower) in new[] { (61, 67), (62, 66), (63, 65) })
        {
            var gap = Vector2.Dot(p[lower] - p[upper], down);
            if (gap < 0.5f)
                p[lower] += down * (0.5f - gap);
        }

        var points = new List<Vector2>(p);
        var jaw = new List<Vector2>(new Vector2[p.Length]);
        var blink = new List<float>(new float[p.Length]);
        var blinkTarget = new List<Vector2>(new Vector2[p.Length]);

        void Jaw(int i, float drop, float inward = 0)
        {
            var mouthCentre = (p[48] + p[54]) / 2;
            var toCentre = Vector2.Dot(mouthCentre - p[i], right) * right;
            var inwardDir = toCentre.Length() > 0 ? Vector2.Normalize(toCentre) : Vector2.Zero;
            jaw[i] = down * drop + inwardDir * inward;
        }
        float[] jawLine = [0, 0, 0, 0.05f, 0.2f, 0.45f, 0.7f, 0.9f, 1, 0.9f, 0.7f, 0.45f, 0.2f, 0.05f, 0, 0, 0];
        for (var i = 0; i <= 16; i++)
            Jaw(i, jawLine[i]);
        foreach (var i in new[] { 56, 57, 58, 65, 66, 67 })
            Jaw(i, 1);
        foreach (var i in new[] { 55, 59 })
            Jaw(i, 0.85f);
        foreach (var i in new[] { 48, 54, 60, 64 })
            Jaw(i, 0.45f, 0.08f);
        foreach (var i in new[] { 49, 50, 51, 52, 53, 61, 62, 63 })
            Jaw(i, -0.06f);

        // The lids close onto the lower lids; the skin up to the brow follows half way.
        foreach (var (lid, lower, brow) in new[] { (37, 41, 19), (38, 40, 20), (43, 47, 23), (44, 46, 24) })
        {
            blink[lid] = 1;
            blinkTarget[lid] = p[lower] - p[lid];
            points.Add((p[lid] + p[brow]) / 2);
            jaw.Add(Vector2.Zero);
            blink.Add(1);
            blinkTarget.Add((p[lower] - p[lid]) * 0.45f);
        }

        var centre = (p[27] + p[8]) / 2;
        // Under the jaw the drop fades out before the fixed ring.
        for (var i = 3; i <= 13; i++)
        {
            points.Add(p[i] + (p[i] - centre) * 0.3f);
            jaw.Add(jaw[i] * 0.5f);
            blink.Add(0);
            blinkTarget.Add(Vector2.Zero);
        }
        // Forehead: still, so that the lids' pull stays under the brows.
        for (var i = 17; i <= 26; i += 3)
            AddFixed(p[i] - down * eyeDistance * 0.45f);

        var min = new Vector2(float.MaxValue);
        var max = new Vector2(float.MinValue);
        foreach (var q in points)
        {
            min = Vector2.Min(min, q);
            max = Vector2.Max(max, q);
        }
        var ringCentre = (min + max) / 2;
        var radius = (max - min) / 2 * 1.2f + new Vector2(eyeDistance * 0.25f);
        const int RingPoints = 20;
        for (var k = 0; k < RingPoints; k++)
        {
            var angle = 2 * MathF.PI * k / RingPoints;
            AddFixed(ringCentre + new Vector2(MathF.Cos(angle) * radius.X, MathF.Sin(angle) * radius.Y));
        }

        var triangles = Delaunay.Triangulate(points).SelectMany(t => new[] { t.A, t.B, t.C }).ToArray();
        var bounds = new RectBounds(ringCentre.X - radius.X, ringCentre.Y - radius.Y, ringCentre.X + radius.X, ringCentre.Y + radius.Y);
        return new FaceRig(
            [.. points],
            triangles,
            [.. jaw.Select(w => w * eyeDistance * JawDrop)],
            [.. blink],
            [.. blinkTarget],
            eyeDistance,
            down,
            bounds
        );

        void AddFixed(Vector2 q)
        {
            points.Add(q);
            jaw.Add(Vector2.Zero);
            blink.Add(0);
            blinkTarget.Add(Vector2.Zero);
        }
    }

    /// <summary>Writes the mesh points for a pose into <paramref name="moved"/>.</summary>
    /// <param name="open">How far the jaw is open, 0–1.</param>
    /// <param name="blink">How far the lids are closed, 0–1.</param>
    public void Pose(float open, float blink, Span<Vector2> moved)
    {
        for (var i = 0; i < Rest.Length; i++)
            moved[i] = Rest[i] + _jawWeights[i] * open + _blinkTargets[i] * (blink * _blinkWeights[i]);
    }

    private static Vector2 Centre(Vector2[] p, int from, int to)
    {
        var sum = Vector2.Zero;
        for (var i = from; i <= to; i++)
            sum += p[i];
        return sum / (to - from + 1);
    }
}
