using System.Globalization;
using System.Text.Json.Serialization;

namespace Serverless.RenderEngine.Media;

/// <summary>What ffprobe says about a file (<c>-show_format -show_streams</c>).</summary>
public sealed record MediaInfo
{
    [JsonPropertyName("streams")]
    public IReadOnlyList<MediaStream> Streams { get; init; } = [];

    [JsonPropertyName("format")]
    public MediaFormat? Format { get; init; }

    public double? DurationSec => Parse(Format?.Duration);

    public MediaStream? Video => Streams.FirstOrDefault(s => s.CodecType == "video");

    public MediaStream? Audio => Streams.FirstOrDefault(s => s.CodecType == "audio");

    internal static double? Parse(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}

public sealed record MediaFormat
{
    [JsonPropertyName("format_name")]
    public string? FormatName { get; init; }

    [JsonPropertyName("duration")]
    public string? Duration { get; init; }
}

public sealed record MediaStream
{
    [JsonPropertyName("codec_type")]
    public string? CodecType { get; init; }

    [JsonPropertyName("codec_name")]
    public string? CodecName { get; init; }

    [JsonPropertyName("pix_fmt")]
    public string? PixelFormat { get; init; }

    [JsonPropertyName("width")]
    public int Width { get; init; }

    [JsonPropertyName("height")]
    public int Height { get; init; }

    [JsonPropertyName("r_frame_rate")]
    public string? FrameRate { get; init; }

    [JsonPropertyName("avg_frame_rate")]
    public string? AverageFrameRate { get; init; }

    [JsonPropertyName("nb_frames")]
    public string? FrameCount { get; init; }

    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    [JsonPropertyName("sample_rate")]
    public string? SampleRate { get; init; }

    public double? DurationSec => MediaInfo.Parse(Duration);

    public static double Rate(string? fraction)
    {
        var parts = (fraction ?? "").Split('/');
        return parts.Length == 2 && MediaInfo.Parse(parts[0]) is { } n && MediaInfo.Parse(parts[1]) is { } d && d != 0 ? n / d : 0;
    }
}
