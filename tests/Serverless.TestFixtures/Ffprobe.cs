using System.Globalization;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.TestFixtures;

/// <summary>Reads a media file with ffprobe: its streams' codecs and its duration.</summary>
public static class Ffprobe
{
    public static async Task<ProbedMedia> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var result = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name,duration", "-of", "json", path])
            .ExecuteBufferedAsync(timeout.Token);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var streams = json
            .RootElement.GetProperty("streams")
            .EnumerateArray()
            .Select(s => new ProbedStream(
                s.GetProperty("codec_type").GetString()!,
                s.GetProperty("codec_name").GetString()!,
                s.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var seconds)
                    ? seconds
                    : null
            ))
            .ToList();
        var duration = double.Parse(
            json.RootElement.GetProperty("format").GetProperty("duration").GetString()!,
            CultureInfo.InvariantCulture
        );
        return new ProbedMedia(duration, streams);
    }
}

/// <param name="DurationSec">The stream's own duration, when the container states one.</param>
public sealed record ProbedStream(string Type, string Codec, double? DurationSec = null);

public sealed record ProbedMedia(double DurationSec, IReadOnlyList<ProbedStream> Streams)
{
    /// <summary>The codec of the first stream of <paramref name="type"/> (<c>video</c>, <c>audio</c>), if any.</summary>
    public string? CodecOf(string type) => Streams.FirstOrDefault(s => s.Type == type)?.Codec;

    /// <summary>The duration of the first stream of <paramref name="type"/>, if the container states it.</summary>
    public double? DurationOf(string type) => Streams.FirstOrDefault(s => s.Type == type)?.DurationSec;
}
