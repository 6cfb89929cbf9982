namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// Runs the cascade of <see cref="ShapePredictorModel"/> on a face box: each level samples its feature pixels
/// around the current shape (rotated and scaled as the shape is against the mean shape), and every tree of the
/// level adds its leaf's increment to the shape.
/// </summary>
internal sealed class ShapePredictor(ShapePredictorModel model)
{
    public ShapePredictorModel Model => model;

    /// <summary>The landmarks, in pixels of the picture, for a face in <paramref name="box"/>.</summary>
    public LandmarkPoint[] Predict(GrayImage image, FaceBox box)
    {
        var shape = (float[])model.MeanShape.Clone();
        var pixelValues = new float[model.Levels.Max(level => level.PixelCount)];
        foreach (var level in model.Levels)
        {
            SampleFeaturePixels(image, box, shape, level, pixelValues);
            foreach (var tree in level.Trees)
                tree.AddTo(shape, pixelValues);
        }

        var points = new LandmarkPoint[model.PartCount];
        for (var i = 0; i < points.Length; i++)
            points[i] = new LandmarkPoint(box.Left + shape[2 * i] * box.Width, box.Top + shape[2 * i + 1] * box.Height);
        return points;
    }

    private void SampleFeaturePixels(GrayImage image, FaceBox box, float[] shape, CascadeLevel level, float[] values)
    {
        var (cos, sin) = SimilarityFit.RotationAndScale(model.MeanShape, shape);
        for (var i = 0; i < level.PixelCount; i++)
        {
            var anchor = level.Anchors[i];
            var dx = level.DeltaX[i];
            var dy = level.DeltaY[i];
            var x = box.Left + (cos * dx - sin * dy + shape[2 * anchor]) * box.Width;
            var y = box.Top + (sin * dx + cos * dy + shape[2 * anchor + 1]) * box.Height;
            var column = (int)MathF.Floor(x + 0.5f);
            var row = (int)MathF.Floor(y + 0.5f);
            values[i] = column >= 0 && row >= 0 && column < image.Width && row < image.Height ? image[column, row] : 0;
        }
    }
}
