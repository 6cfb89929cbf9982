namespace Serverless.Captions;

/// <summary>CAPTIONS (and a job's <c>input.captions</c>): <c>off</c>, <c>file</c> (WebVTT + SRT beside the video) or <c>burn</c> (also drawn into the video).</summary>
public static class CaptionMode
{
    public const string Off = "off";
    public const string File = "file";
    public const string Burn = "burn";

    public const string Default = File;

    public static IReadOnlyList<string> All { get; } = [Off, File, Burn];

    /// <summary>The mode in canonical spelling, or null when <paramref name="value"/> is none of them.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(m => string.Equals(m, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
