namespace Serverless.RenderEngine.Animator.Face;

/// <summary>A detected face's box in pixels of the full picture.</summary>
public readonly record struct FaceBox(float Left, float Top, float Width, float Height);
