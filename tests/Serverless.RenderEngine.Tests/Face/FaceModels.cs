using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>The models installed by scripts/install-prereqs.sh, loaded once for all the face tests.</summary>
internal static class FaceModels
{
    private static readonly Lazy<LandmarkFaceFinder> s_finder = new(() => new LandmarkFaceFinder(Options.Create(new FaceFinderOptions())));

    private static readonly Lazy<LandmarkFaceFinder> s_smallFaceFinder = new(() =>
        new LandmarkFaceFinder(Options.Create(new FaceFinderOptions { MinFacePixels = 32 }))
    );

    public static string LandmarksPath => new FaceFinderOptions().LandmarksModelPath;

    /// <summary>A finder with the default settings, shared so that its 100 MB model loads once.</summary>
    public static LandmarkFaceFinder Finder => s_finder.Value;

    /// <summary>A finder that accepts faces down to 32 px, for the portrait scaled down.</summary>
    public static LandmarkFaceFinder SmallFaceFinder => s_smallFaceFinder.Value;
}
