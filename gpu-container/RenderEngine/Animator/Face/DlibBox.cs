namespace Serverless.RenderEngine.Animator.Face;

/// <summary>The face box the shape predictor expects: the kind dlib's own face detector draws (square).</summary>
internal static class DlibBox
{
    /// <summary>A first guess from a Haar box, which is of about the same size (refined from the landmarks after).</summary>
    public static FaceBox FromHaar(FaceBox haar) => haar;

    /// <summary>
    /// The square box in which the model's mean shape best fits the landmarks (scale from a similarity fit, so a
    /// tilted face keeps its size): where dlib's detector would have framed this face.
    /// </summary>
    public static FaceBox FromLandmarks(IReadOnlyList<LandmarkPoint> points, float[] meanShape)
    {
        var shape = new float[points.Count * 2];
        for (var i = 0; i < points.Count; i++)
            (shape[2 * i], shape[2 * i + 1]) = (points[i].X, points[i].Y);
        var (cos, sin) = SimilarityFit.RotationAndScale(meanShape, shape);
        var side = MathF.Sqrt(cos * cos + sin * sin);
        var (meanX, meanY) = SimilarityFit.Centre(meanShape);
        var (pointsX, pointsY) = SimilarityFit.Centre(shape);
        return new FaceBox(pointsX - side * meanX, pointsY - side * meanY, side, side);
    }

    /// <summary>How far apart two boxes are: the largest change of a side or corner, in pixels.</summary>
    public static float Distance(FaceBox a, FaceBox b) =>
        new[] { a.Left - b.Left, a.Top - b.Top, a.Width - b.Width, a.Height - b.Height }.Max(MathF.Abs);
}
