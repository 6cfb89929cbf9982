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
            .WithArguments(["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name", "-of", "json", path])
            .ExecuteBufferedAsync(timeout.Token);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var streams = json
            .RootElement.GetProperty("streams")
            .EnumerateArray()
            .Select(s => new ProbedStream(s.GetProperty("codec_type").GetString()!, s.GetProperty("codec_name").GetString()!))
            .ToList();
        var duration = double.Parse(
            json.RootElement.GetProperty("format").GetProperty("duration").GetString()!,
            CultureInfo.InvariantCulture
        );
        return new ProbedMedia(duration, streams);
    }
}

public sealed record ProbedStream(string Type, string Codec);

public sealed record ProbedMedia(double DurationSec, IReadOnlyList<ProbedStream> Streams)
{
    /// <summary>The codec of the first stream of <paramref name="type"/> (<c>video</c>, <c>audio</c>), if any.</summary>
    public string? CodecOf(string type) => Streams.FirstOrDefault(s => s.Type == type)?.Codec;
}
