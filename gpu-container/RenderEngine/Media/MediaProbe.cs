using System.Text.Json;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

public sealed class MediaProbe(Tool ffprobe)
{
    /// <summary>Probes a file; null when ffprobe cannot read it at all.</summary>
    public async Task<MediaInfo?> TryProbeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ffprobe.RunAsync(
                ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
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
