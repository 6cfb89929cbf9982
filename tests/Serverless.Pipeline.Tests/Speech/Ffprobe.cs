using System.Globalization;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Pipeline.Tests.Speech;

/// <summary>Decodes a media file with ffprobe and returns its codec and duration.</summary>
internal static class Ffprobe
{
    public static async Task<(string Codec, double DurationSec)> ProbeAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json", path])
            .ExecuteBufferedAsync(timeout.Token);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var codec = json.RootElement.GetProperty("streams")[0].GetProperty("codec_name").GetString()!;
        var duration = double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return (codec, duration);
    }
}
