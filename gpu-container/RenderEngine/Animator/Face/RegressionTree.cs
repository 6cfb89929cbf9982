namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// One tree of the cascade: a complete binary tree whose node <c>i</c> compares two feature pixels (children at
/// <c>2i+1</c> and <c>2i+2</c>), and whose leaves each hold a shape increment (x, y for every landmark).
/// </summary>
internal sealed class RegressionTree(int[] firstPixel, int[] secondPixel, float[] thresholds, float[] leaves, int shapeLength)
{
    public int SplitCount => thresholds.Length;

    /// <summary>The highest feature pixel the splits read (-1 for a tree without splits).</summary>
    public int MaxPixelIndex { get; } = firstPixel.Concat(secondPixel).DefaultIfEmpty(-1).Max();

    public int LeafCount => leaves.Length / shapeLength;

    /// <summary>Walks the tree on the feature pixel values and adds the reached leaf's increment to the shape.</summary>
    public void AddTo(float[] shape, float[] pixelValues)
    {
        var node = 0;
        while (node < thresholds.Length)
            node = pixelValues[firstPixel[node]] - pixelValues[secondPixel[node]] > thresholds[node] ? 2 * node + 1 : 2 * node + 2;
        var leaf = (node - thresholds.Length) * shapeLength;
        var increment = leaves.AsSpan(leaf, shapeLength);
        for (var i = 0; i < increment.Length; i++)
            shape[i] += increment[i];
    }
}
