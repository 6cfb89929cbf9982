namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// Merges the many overlapping windows a cascade accepts around one face into one box (as OpenCV's
/// <c>groupRectangles</c>): windows alike within <c>eps</c> of their size form a group; a group needs more than
/// <c>minNeighbours</c> windows; a small group inside a larger, stronger one is dropped.
/// </summary>
internal static class RectangleGrouping
{
    private const double Eps = 0.2;

    public static IReadOnlyList<(FaceBox Box, int Windows)> Group(IReadOnlyList<FaceBox> windows, int minNeighbours)
    {
        var parent = Enumerable.Range(0, windows.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }
        for (var i = 0; i < windows.Count; i++)
        for (var j = i + 1; j < windows.Count; j++)
            if (Alike(windows[i], windows[j]))
                parent[Root(i)] = Root(j);

        var groups = windows
            .Select((box, i) => (box, root: Root(i)))
            .GroupBy(item => item.root)
            .Select(group =>
            {
                var count = group.Count();
                return (
                    Box: new FaceBox(
                        MathF.Round(group.Average(item => item.box.Left)),
                        MathF.Round(group.Average(item => item.box.Top)),
                        MathF.Round(group.Average(item => item.box.Width)),
                        MathF.Round(group.Average(item => item.box.Height))
                    ),
                    Windows: count
                );
            })
            .Where(group => group.Windows > minNeighbours)
            .ToList();
        return [.. groups.Where(inner => !groups.Any(outer => !outer.Equals(inner) && Swallows(outer, inner)))];
    }

    private static bool Alike(FaceBox a, FaceBox b)
    {
        var delta = Eps * (Math.Min(a.Width, b.Width) + Math.Min(a.Height, b.Height)) * 0.5;
        return Math.Abs(a.Left - b.Left) <= delta
            && Math.Abs(a.Top - b.Top) <= delta
            && Math.Abs(a.Left + a.Width - b.Left - b.Width) <= delta
            && Math.Abs(a.Top + a.Height - b.Top - b.Height) <= delta;
    }

    private static bool Swallows((FaceBox Box, int Windows) outer, (FaceBox Box, int Windows) inner)
    {
        var (o, i) = (outer.Box, inner.Box);
        var dx = (int)(o.Width * Eps);
        var dy = (int)(o.Height * Eps);
        return i.Left >= o.Left - dx
            && i.Top >= o.Top - dy
            && i.Left + i.Width <= o.Left + o.Width + dx
            && i.Top + i.Height <= o.Top + o.Height + dy
            && (outer.Windows > Math.Max(3, inner.Windows) || inner.Windows < 3);
    }
}
