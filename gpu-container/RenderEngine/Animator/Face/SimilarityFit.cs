namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Least-squares similarity transforms (rotation, uniform scale, translation) between two point sets.</summary>
internal static class SimilarityFit
{
    /// <summary>
    /// The rotation-and-scale part <c>[[cos, -sin], [sin, cos]]</c> (cos and sin scaled) that best maps the
    /// centred <paramref name="from"/> points onto the centred <paramref name="to"/> points; both are x, y pairs.
    /// </summary>
    public static (float Cos, float Sin) RotationAndScale(ReadOnlySpan<float> from, ReadOnlySpan<float> to)
    {
        var (fromX, fromY) = Centre(from);
        var (toX, toY) = Centre(to);
        double dot = 0,
            cross = 0,
            norm = 0;
        for (var i = 0; i < from.Length; i += 2)
        {
            double fx = from[i] - fromX,
                fy = from[i + 1] - fromY;
            double tx = to[i] - toX,
                ty = to[i + 1] - toY;
            dot += fx * tx + fy * ty;
            cross += fx * ty - fy * tx;
            norm += fx * fx + fy * fy;
        }
        return norm == 0 ? (1, 0) : ((float)(dot / norm), (float)(cross / norm));
    }

    public static (float X, float Y) Centre(ReadOnlySpan<float> points)
    {
        double x = 0,
            y = 0;
        for (var i = 0; i < points.Length; i += 2)
        {
            x += points[i];
            y += points[i + 1];
        }
        var count = points.Length / 2;
        return ((float)(x / count), (float)(y / count));
    }
}
