using System.Numerics;

namespace Serverless.RenderEngine.Animator;

/// <summary>Bowyer–Watson Delaunay triangulation of a small point set (the face mesh: about a hundred points, once per job).</summary>
internal static class Delaunay
{
    /// <summary>Triangles as index triples into <paramref name="points"/>, counter-clockwise in y-down pixels.</summary>
    public static IReadOnlyList<(int A, int B, int C)> Triangulate(IReadOnlyList<Vector2> points)
    {
        var n = points.Count;
        var all = new List<Vector2>(points);
        var min = new Vector2(float.MaxValue);
        var max = new Vector2(float.MinValue);
        foreach (var p in points)
        {
            min = Vector2.Min(min, p);
            max = Vector2.Max(max, p);
        }
        var size = MathF.Max(max.X - min.X, max.Y - min.Y) * 20 + 1;
        var mid = (min + max) / 2;
        all.Add(mid + new Vector2(-size, -size));
        all.Add(mid + new Vector2(size, -size));
        all.Add(mid + new Vector2(0, size));

        var triangles = new List<(int A, int B, int C)> { (n, n + 1, n + 2) };
        for (var i = 0; i < n; i++)
        {
            var p = all[i];
            var bad = triangles.Where(t => InCircumcircle(all[t.A], all[t.B], all[t.C], p)).ToList();
            var edges = new List<(int, int)>();
            foreach (var t in bad)
            {
                foreach (var e in new[] { (t.A, t.B), (t.B, t.C), (t.C, t.A) })
                {
                    var shared = bad.Any(o => !o.Equals(t) && HasEdge(o, e.Item1, e.Item2));
                    if (!shared)
                        edges.Add(e);
                }
            }
            triangles.RemoveAll(bad.Contains);
            foreach (var (a, b) in edges)
                triangles.Add(Oriented(all, a, b, i));
        }
        return [.. triangles.Where(t => t.A < n && t.B < n && t.C < n)];
    }

    private static bool HasEdge((int A, int B, int C) t, int u, int v) =>
        (t.A == u || t.B == u || t.C == u) && (t.A == v || t.B == v || t.C == v);

    private static (int, int, int) Oriented(List<Vector2> p, int a, int b, int c) => Cross(p[a], p[b], p[c]) >= 0 ? (a, b, c) : (a, c, b);

    private static double Cross(Vector2 a, Vector2 b, Vector2 c) => (double)(b.X - a.X) * (c.Y - a.Y) - (double)(b.Y - a.Y) * (c.X - a.X);

    private static bool InCircumcircle(Vector2 a, Vector2 b, Vector2 c, Vector2 p)
    {
        if (Cross(a, b, c) < 0)
            (b, c) = (c, b);
        double ax = a.X - p.X,
            ay = a.Y - p.Y;
        double bx = b.X - p.X,
            by = b.Y - p.Y;
        double cx = c.X - p.X,
            cy = c.Y - p.Y;
        var det =
            (ax * ax + ay * ay) * (bx * cy - cx * by)
            - (bx * bx + by * by) * (ax * cy - cx * ay)
            + (cx * cx + cy * cy) * (ax * by - bx * ay);
        return det > 0;
    }
}
