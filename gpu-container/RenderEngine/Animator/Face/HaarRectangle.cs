namespace Serverless.RenderEngine.Animator.Face;

/// <summary>A rectangle of a feature, in pixels of the detection window, and its weight.</summary>
internal readonly record struct HaarRectangle(int X, int Y, int Width, int Height, float Weight);
