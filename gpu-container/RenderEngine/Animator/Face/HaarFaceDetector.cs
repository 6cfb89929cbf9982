namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// Viola–Jones face detection with an OpenCV Haar cascade, in managed code: the picture is shrunk (to about
/// <see cref="DetectionSide"/> px, but never so far that the smallest face asked for falls under the cascade's
/// window), equalised, and scanned at sizes growing by 10 %; the windows the cascade accepts are grouped into
/// faces. Returns the faces in pixels of the full picture, with how many windows each gathered.
/// </summary>
internal sealed class HaarFaceDetector(HaarCascade model)
{
    private readonly CompiledHaarCascade _cascade = new(model);

    /// <summary>Detection prefers at most this many pixels a side (the box is only a first guess, refined by the landmarks on the full picture).</summary>
    private const int DetectionSide = 400;

    private const float ScaleStep = 1.1f;

    /// <summary>A face needs more than this many accepted windows around it (OpenCV's minNeighbors).</summary>
    private const int MinNeighbours = 4;

    /// <param name="minFaceWidth">Faces narrower than this (in pixels of the picture) are not looked for.</param>
    public IReadOnlyList<(FaceBox Box, int Windows)> Detect(GrayImage image, float minFaceWidth, CancellationToken cancellationToken)
    {
        var shrink = Math.Min(
            1f,
            Math.Max((float)DetectionSide / Math.Max(image.Width, image.Height), _cascade.WindowWidth / minFaceWidth)
        );
        var small =
            shrink < 1
                ? GrayImageFilters.ShrinkByArea(
                    image,
                    Math.Max(1, (int)MathF.Round(image.Width * shrink)),
                    Math.Max(1, (int)MathF.Round(image.Height * shrink))
                )
                : image;
        small = GrayImageFilters.Equalize(small);

        var windows = new List<FaceBox>();
        // The smallest window is the cascade's own; smaller faces than asked for are not scanned at all (the most
        // windows are at the smallest sizes).
        var smallest = Math.Max(1f, minFaceWidth * shrink / _cascade.WindowWidth);
        for (var factor = 1f; ; factor *= ScaleStep)
        {
            if (factor * ScaleStep <= smallest)
                continue;
            int width = (int)MathF.Round(small.Width / factor),
                height = (int)MathF.Round(small.Height / factor);
            if (width < _cascade.WindowWidth || height < _cascade.WindowHeight)
                break;
            cancellationToken.ThrowIfCancellationRequested();
            var level = factor == 1 ? small : GrayImageFilters.ResizeBilinear(small, width, height);
            Scan(new IntegralImage(level), width, height, factor, windows);
        }

        return
        [
            .. RectangleGrouping
                .Group(windows, MinNeighbours)
                .Select(group =>
                    (
                        new FaceBox(group.Box.Left / shrink, group.Box.Top / shrink, group.Box.Width / shrink, group.Box.Height / shrink),
                        group.Windows
                    )
                ),
        ];
    }

    private void Scan(IntegralImage integral, int width, int height, float factor, List<FaceBox> windows)
    {
        var step = factor > 2 ? 1 : 2;
        int windowWidth = _cascade.WindowWidth,
            windowHeight = _cascade.WindowHeight;
        float side = MathF.Round(windowWidth * factor),
            tall = MathF.Round(windowHeight * factor);
        var corners = _cascade.CornerOffsets(integral.Stride);
        var sums = integral.Sums;
        // Features are compared in units of the window's contrast: its standard deviation times its area
        // (measured one pixel inside the window, as OpenCV does).
        int innerWidth = windowWidth - 2,
            innerHeight = windowHeight - 2;
        double area = innerWidth * innerHeight;
        for (var y = 0; y + windowHeight <= height; y += step)
        for (var x = 0; x + windowWidth <= width; x += step)
        {
            double sum = integral.Sum(x + 1, y + 1, innerWidth, innerHeight);
            var variance = area * integral.SumOfSquares(x + 1, y + 1, innerWidth, innerHeight) - sum * sum;
            var norm = variance > 0 ? 1 / Math.Sqrt(variance) : 1;
            if (_cascade.Accepts(sums, y * integral.Stride + x, corners, norm))
                windows.Add(new FaceBox(MathF.Round(x * factor), MathF.Round(y * factor), side, tall));
        }
    }
}
