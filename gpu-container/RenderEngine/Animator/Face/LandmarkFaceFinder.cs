using Microsoft.Extensions.Options;

namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// Finds the largest face with OpenCV's Haar cascade, then its 68 landmarks with dlib's shape predictor. The
/// predictor was trained on the boxes of dlib's own detector, which frame a face differently from Haar's; so the
/// box is re-derived from the landmarks (where the model's mean shape says dlib's box would be) and the
/// landmarks are predicted again, until the box settles. The models load once, on first use.
/// </summary>
public sealed class LandmarkFaceFinder : IFaceFinder, IDisposable
{
    private const int MaxRefinements = 4;

    /// <summary>The box has settled when it moves or grows by less than this share of its size.</summary>
    private const float SettledShare = 0.01f;

    private static readonly float[] JitterScales = [0.94f, 1f, 1.06f];

    private static readonly (float X, float Y)[] JitterShifts = [(0, 0), (-0.03f, 0), (0.03f, 0), (0, -0.03f), (0, 0.03f)];

    private readonly FaceFinderOptions _options;
    private readonly Lazy<HaarFaceDetector> _detector;
    private readonly Lazy<ShapePredictor> _predictor;

    public LandmarkFaceFinder(IOptions<FaceFinderOptions> options)
    {
        _options = options.Value;
        _detector = new(() => new HaarFaceDetector(_options.DetectorModelPath));
        _predictor = new(() => new ShapePredictor(ShapePredictorModel.Load(_options.LandmarksModelPath)));
    }

    public FaceSearch Find(GrayImage image, CancellationToken cancellationToken)
    {
        var faces = _detector.Value.Detect(image);
        if (faces.Count == 0)
            return FaceSearch.NotFound("no face found in the portrait");
        cancellationToken.ThrowIfCancellationRequested();

        var predictor = _predictor.Value;
        var largest = faces.MaxBy(face => face.Width * face.Height);
        var box = DlibBox.FromHaar(largest);
        var points = predictor.Predict(image, box);
        for (var i = 0; i < MaxRefinements; i++)
        {
            var next = DlibBox.FromLandmarks(points, predictor.Model.MeanShape);
            var settled = DlibBox.Distance(box, next) < SettledShare * box.Width;
            box = next;
            points = predictor.Predict(image, box);
            if (settled)
                break;
        }

        points = AverageAround(predictor, image, box);

        var width = (int)MathF.Round(box.Width);
        if (width < _options.MinFacePixels)
            return FaceSearch.NotFound($"the face is {width} px wide; at least {_options.MinFacePixels} px is needed");
        return FaceSearch.Found(new FaceLandmarks(points, box));
    }

    /// <summary>
    /// The mean of the landmarks predicted from slightly moved and resized copies of the box: the predictor reads
    /// single pixels, so one box's answer jitters by a pixel or two with the framing; the mean does not.
    /// </summary>
    private static LandmarkPoint[] AverageAround(ShapePredictor predictor, GrayImage image, FaceBox box)
    {
        var sums = new (double X, double Y)[predictor.Model.PartCount];
        var count = 0;
        foreach (var scale in JitterScales)
        foreach (var (dx, dy) in JitterShifts)
        {
            var side = box.Width * scale;
            var moved = new FaceBox(
                box.Left + (box.Width - side) / 2 + dx * box.Width,
                box.Top + (box.Height - side) / 2 + dy * box.Height,
                side,
                side
            );
            var points = predictor.Predict(image, moved);
            for (var i = 0; i < sums.Length; i++)
                sums[i] = (sums[i].X + points[i].X, sums[i].Y + points[i].Y);
            count++;
        }
        return [.. sums.Select(sum => new LandmarkPoint((float)(sum.X / count), (float)(sum.Y / count)))];
    }

    public void Dispose()
    {
        if (_detector.IsValueCreated)
            _detector.Value.Dispose();
    }
}
