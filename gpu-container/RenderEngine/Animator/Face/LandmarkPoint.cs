namespace Serverless.RenderEngine.Animator.Face;

/// <summary>A point of the portrait, in pixels of the full picture (x to the right, y down).</summary>
public readonly record struct LandmarkPoint(float X, float Y);
