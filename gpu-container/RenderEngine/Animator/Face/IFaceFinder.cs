namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Finds the largest usable face of a portrait and its 68 landmarks; the portrait does not move, so once per job.</summary>
public interface IFaceFinder
{
    FaceSearch Find(GrayImage image, CancellationToken cancellationToken);
}
