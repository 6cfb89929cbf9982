namespace Serverless.RenderEngine.Animator;

/// <summary>A portrait ready to animate: its pixels at the video's size and its face's rig.</summary>
public sealed record AnimatorPortrait(DecodedPortrait Portrait, FaceRig Rig);
