namespace Serverless.RenderEngine.Animator.Face;

/// <summary>One stage of the cascade: the window passes when its trees' leaf values add up to the threshold or more.</summary>
internal sealed record HaarStage(float Threshold, IReadOnlyList<HaarTree> Trees);
