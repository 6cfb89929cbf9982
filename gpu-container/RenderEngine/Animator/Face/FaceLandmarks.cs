namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// The 68 points of the iBUG 300-W layout (0–16 jaw, 17–26 brows, 27–35 nose, 36–41 right eye as seen,
/// 42–47 left eye, 48–59 outer lips, 60–67 inner lips), plus the face box the detector found.
/// </summary>
public sealed record FaceLandmarks(IReadOnlyList<LandmarkPoint> Points, FaceBox Box)
{
    public const int Count = 68;
}
