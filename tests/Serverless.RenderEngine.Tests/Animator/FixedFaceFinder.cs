using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>A stand-in for the landmark finder: the given landmarks (or none) for every picture, and what it was shown.</summary>
internal sealed class FixedFaceFinder(FaceLandmarks? face, string noFaceReason = "no face was found") : IFaceFinder
{
    public GrayImage? LastImage { get; private set; }

    public FaceSearch Find(GrayImage image, CancellationToken cancellationToken)
    {
        LastImage = image;
        return face is null ? FaceSearch.NotFound(noFaceReason) : FaceSearch.Found(face);
    }
}
