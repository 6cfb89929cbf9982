namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// A small decision tree of OpenCV's cascade format: node <c>i</c> compares a feature with its threshold and goes
/// to <see cref="Left"/> or <see cref="Right"/>; a positive value is the next node, zero or less is leaf <c>-value</c>.
/// </summary>
internal sealed record HaarTree(int[] Features, float[] Thresholds, int[] Left, int[] Right, float[] Leaves);
