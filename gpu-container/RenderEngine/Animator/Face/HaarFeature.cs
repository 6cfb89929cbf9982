namespace Serverless.RenderEngine.Animator.Face;

/// <summary>A Haar-like feature: a weighted sum of up to three upright rectangles of the detection window.</summary>
internal sealed record HaarFeature(IReadOnlyList<HaarRectangle> Rectangles);
