using System.Numerics;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>
/// Finds where a frame's head went, from the frame itself: three patches of the rest picture (the forehead above each
/// brow, the nose bridge) are searched for in the frame, and a similarity transform (zoom, turn, shift) is fitted
/// to where they were found. Neither the mouth nor the eyes take part, so speaking and blinking do not move it.
/// </summary>
internal sealed class Registration(byte[] rest, int width, int height, IReadOnlyList<Vector2> anchors, int halfPatch, int search)
{
    /// <summary>Maps a point of the rest picture to where it is in <paramref name="frame"/>.</summary>
    public Matrix3x2 Find(byte[] frame)
    {
        var found = anchors.Select(a => a + Displacement(frame, a)).ToArray();
        return Similarity(anchors, found);
    }

    private Vector2 Displacement(byte[] frame, Vector2 anchor)
    {
        int cx = (int)MathF.Round(anchor.X),
            cy = (int)MathF.Round(anchor.Y);
        var costs = new double[2 * search + 1, 2 * search + 1];
        var best = (X: 0, Y: 0, Cost: double.MaxValue);
        for (var dy = -search; dy <= search; dy++)
        for (var dx = -search; dx <= search; dx++)
        {
            double cost = 0;
            for (var y = -halfPatch; y <= halfPatch; y++)
            {
                int ry = Math.Clamp(cy + y, 0, height - 1),
                    fy = Math.Clamp(cy + y + dy, 0, height - 1);
                for (var x = -halfPatch; x <= halfPatch; x++)
                {
                    int rx = Math.Clamp(cx + x, 0, width - 1),
                        fx = Math.Clamp(cx + x + dx, 0, width - 1);
                    var d = rest[ry * width + rx] - frame[fy * width + fx];
                    cost += d * d;
                }
            }
            costs[dy + search, dx + search] = cost;
            if (cost < best.Cost)
                best = (dx, dy, cost);
        }
        return new Vector2(
            best.X + SubPixel(costs, best.X + search, best.Y + search, true),
            best.Y + SubPixel(costs, best.X + search, best.Y + search, false)
        );
    }

    private static float SubPixel(double[,] costs, int x, int y, bool alongX)
    {
        var n = costs.GetLength(0);
        var (i, j) = alongX ? (x, y) : (y, x);
        if (i <= 0 || i >= n - 1)
            return 0;
        double left = alongX ? costs[j, i - 1] : costs[i - 1, j];
        double mid = costs[alongX ? j : i, alongX ? i : j];
        double right = alongX ? costs[j, i + 1] : costs[i + 1, j];
        var denominator = left - 2 * mid + right;
        return denominator > 0 ? (float)Math.Clamp(0.5 * (left - right) / denominator, -0.5, 0.5) : 0;
    }

    /// <summary>The least-squares similarity taking <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static Matrix3x2 Similarity(IReadOnlyList<Vector2> from, IReadOnlyList<Vector2> to)
    {
        var mf = from.Aggregate(Vector2.Zero, (s, p) => s + p) / from.Count;
        var mt = to.Aggregate(Vector2.Zero, (s, p) => s + p) / to.Count;
        double a = 0,
            b = 0,
            norm = 0;
        for (var i = 0; i < from.Count; i++)
        {
            var p = from[i] - mf;
            var q = to[i] - mt;
            a += p.X * q.X + p.Y * q.Y;
            b += p.X * q.Y - p.Y * q.X;
            norm += p.LengthSquared();
        }
        var c = (float)(a / norm);
        var s = (float)(b / norm);
        // q = [c -s; s c] p + t, written for row vectors.
        var m = new Matrix3x2(c, s, -s, c, 0, 0);
        var t = mt - Vector2.Transform(mf, m);
        return m with { M31 = t.X, M32 = t.Y };
    }
}
