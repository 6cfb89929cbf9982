namespace Serverless.RenderEngine.Animator;

/// <summary>Every <see cref="Step"/>-th frame from <see cref="First"/>, up to (not including) <see cref="End"/>.</summary>
internal readonly record struct FrameRange(int First, int End, int Step);
