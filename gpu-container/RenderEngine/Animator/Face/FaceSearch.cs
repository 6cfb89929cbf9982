namespace Serverless.RenderEngine.Animator.Face;

/// <summary>The result of looking for a face: its landmarks, or why none can be used (for the report's fallback reason).</summary>
public sealed record FaceSearch(FaceLandmarks? Face, string? NoFaceReason)
{
    public static FaceSearch Found(FaceLandmarks face) => new(face, null);

    public static FaceSearch NotFound(string reason) => new(null, reason);
}
