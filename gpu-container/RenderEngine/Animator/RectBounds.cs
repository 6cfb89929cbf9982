namespace Serverless.RenderEngine.Animator;

/// <summary>An axis-aligned rectangle in portrait pixels.</summary>
public readonly record struct RectBounds(float Left, float Top, float Right, float Bottom);
