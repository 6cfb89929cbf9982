namespace Serverless.Contracts;

/// <summary>
/// Values of the <c>kind</c> property of a render-requests message. A message without one is a
/// <see cref="RenderRequest"/> (every message before stitching existed).
/// </summary>
public static class RenderRequestKinds
{
    public const string Render = "render";
    public const string Stitch = "stitch";
}
