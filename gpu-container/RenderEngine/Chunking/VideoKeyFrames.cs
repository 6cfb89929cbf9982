using System.Globalization;
using System.Text.Json;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

/// <summary>What the copying stitch must know of a chunk video: its frames, which are keyframes, its decoder setup.</summary>
/// <param name="KeyFrames">Display-order indexes of the keyframes.</param>
/// <param name="DecoderConfig">The H.264 stream's extradata (avcC): equal in every piece, or they cannot be joined by copying.</param>
public sealed record VideoKeyFrames(string Codec, long Frames, IReadOnlySet<long> KeyFrames, string DecoderConfig)
{
    /// <summary>Reads the first video stream with ffprobe; null when it has none.</summary>
    public static async Task<VideoKeyFrames?> ProbeAsync(Tool ffprobe, string path, CancellationToken cancellationToken)
    {
        var stream = await ffprobe.RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_streams", "-show_data", "-of", "json", .. MediaInput.Probe(path, Demuxer.Mp4)],
            cancellationToken
        );
        using var streams = JsonDocument.Parse(stream.StandardOutput);
        if (streams.RootElement.GetProperty("streams") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
            return null;
        var video = list[0];
        var codec = video.TryGetProperty("codec_name", out var name) ? name.GetString() ?? "" : "";
        var config = video.TryGetProperty("extradata", out var extradata) ? extradata.GetString() ?? "" : "";

        var packets = await ffprobe.RunAsync(
            [
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=pts,flags",
                "-of",
                "csv=p=0",
                .. MediaInput.Probe(path, Demuxer.Mp4),
            ],
            cancellationToken
        );
        var frames = packets
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Where(fields => fields.Length >= 2 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out _))
            .Select(fields => (Pts: long.Parse(fields[0], CultureInfo.InvariantCulture), Key: fields[1].Contains('K')))
            .OrderBy(p => p.Pts)
            .ToList();
        var keys = frames.Select((p, index) => (p.Key, Index: (long)index)).Where(p => p.Key).Select(p => p.Index).ToHashSet();
        return new VideoKeyFrames(codec, frames.Count, keys, config);
    }
}
