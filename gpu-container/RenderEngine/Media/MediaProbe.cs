using System.Text.Json;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

public sealed class MediaProbe(Tool ffprobe)
{
    /// <summary>Probes a file with the given <see cref="Demuxer"/>; null when ffprobe cannot read it at all.</summary>
    public async Task<MediaInfo?> TryProbeAsync(string path, string demuxer, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ffprobe.RunAsync(
                ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", .. MediaInput.Probe(path, demuxer)],
                cancellationToken
            );
            return JsonSerializer.Deserialize<MediaInfo>(result.StandardOutput);
        }
        catch (ToolFailedException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
