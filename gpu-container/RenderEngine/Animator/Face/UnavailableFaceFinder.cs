namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Stands in while no face finder is installed: every portrait gets the still image, with the reason.</summary>
public sealed class UnavailableFaceFinder : IFaceFinder
{
    public FaceSearch Find(GrayImage image, CancellationToken cancellationToken) => FaceSearch.NotFound("no face finder is installed");
}
