namespace Serverless.RenderEngine.Animator;

/// <summary>The animator's H.264 settings: the project's CRF 18 and yuv420p, with a faster preset (<see cref="Preset"/>).</summary>
internal static class AnimatorEncoding
{
    /// <summary>
    /// ultrafast: the encoder shares the CPUs with the drawing, and the animator's frames change little from one to
    /// the next; superfast (the SadTalker renders') halves the frame rate at 1080 px on two cores.
    /// </summary>
    public const string Preset = "ultrafast";

    public static IReadOnlyList<string> H264 => ["-c:v", "libx264", "-preset", Preset, "-crf", "18", "-pix_fmt", "yuv420p"];
}
