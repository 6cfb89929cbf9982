using CliWrap;
using CliWrap.Buffered;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>Checks a published video the way a viewer would get it: through its signed URL, decoded to the end.</summary>
internal static class PublishedVideo
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Downloads the video, decodes every frame, and returns its probe.</summary>
    public static async Task<ProbedMedia> PlayAsync(Uri url)
    {
        var path = Path.Combine(Path.GetTempPath(), $"e2e-video-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(path, await s_http.GetByteArrayAsync(url));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var decode = await Cli.Wrap("ffmpeg")
                .WithArguments(["-v", "error", "-i", path, "-f", "null", "-"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
            Assert.True(
                decode.ExitCode == 0 && decode.StandardError.Trim().Length == 0,
                $"The video does not decode cleanly: {decode.StandardError}"
            );
            return await Ffprobe.ProbeAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
