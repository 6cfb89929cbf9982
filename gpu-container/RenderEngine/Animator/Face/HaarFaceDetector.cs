using OpenCvSharp;

namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// OpenCV's frontal-face Haar cascade on a histogram-equalised copy of the picture, downscaled for speed.
/// Returns every face it finds, in pixels of the full picture.
/// </summary>
internal sealed class HaarFaceDetector : IDisposable
{
    /// <summary>Detection runs on at most this many pixels a side; a face is still 20+ px wide there.</summary>
    private const int DetectionSide = 640;

    private readonly CascadeClassifier _cascade;
    private readonly Lock _gate = new();

    public HaarFaceDetector(string cascadePath)
    {
        _cascade = new CascadeClassifier(cascadePath);
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new InvalidDataException($"{cascadePath} is not an OpenCV Haar cascade.");
        }
    }

    public IReadOnlyList<FaceBox> Detect(GrayImage image)
    {
        using var full = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC1, image.Pixels);
        var scale = Math.Min(1.0, (double)DetectionSide / Math.Max(image.Width, image.Height));
        using var small = new Mat();
        if (scale < 1)
            Cv2.Resize(full, small, new Size(), scale, scale, InterpolationFlags.Area);
        else
            full.CopyTo(small);
        Cv2.EqualizeHist(small, small);

        Rect[] faces;
        // CascadeClassifier keeps per-call state: one detection at a time.
        lock (_gate)
            faces = _cascade.DetectMultiScale(small, scaleFactor: 1.1, minNeighbors: 5, minSize: new Size(20, 20));
        return
        [
            .. faces.Select(face => new FaceBox(
                (float)(face.X / scale),
                (float)(face.Y / scale),
                (float)(face.Width / scale),
                (float)(face.Height / scale)
            )),
        ];
    }

    public void Dispose() => _cascade.Dispose();
}
