using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>The models installed by scripts/install-prereqs.sh, loaded once for all the face tests.</summary>
internal static class FaceModels
{
    private static readonly Lazy<ShapePredictorModel> s_landmarks = new(() => ShapePredictorModel.Load(LandmarksPath));

    public static string LandmarksPath => new FaceFinderOptions().LandmarksModelPath;

    public static ShapePredictorModel Landmarks => s_landmarks.Value;
}
