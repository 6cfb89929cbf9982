namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// One level of the cascade: its feature pixels (each an offset from a landmark of the mean shape, in the
/// face box's normalised coordinates) and the trees that read them.
/// </summary>
internal sealed record CascadeLevel(IReadOnlyList<RegressionTree> Trees, int[] Anchors, float[] DeltaX, float[] DeltaY)
{
    public int PixelCount => Anchors.Length;
}
