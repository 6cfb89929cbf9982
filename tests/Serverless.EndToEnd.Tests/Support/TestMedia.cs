using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>Input files for jobs, made with real ffmpeg in a scratch folder.</summary>
internal static class TestMedia
{
    private static readonly string s_dir = Directory.CreateTempSubdirectory("e2e-media-").FullName;

    public static async Task<string> ToneWavAsync(double seconds)
    {
        var path = Path.Combine(s_dir, $"tone-{seconds.ToString(CultureInfo.InvariantCulture)}s.wav");
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        await FfmpegAsync(path, ["-f", "lavfi", "-i", $"sine=frequency=330:duration={duration}:sample_rate=44100"]);
        return path;
    }

    public static async Task<string> PngAsync(int width, int height)
    {
        var path = Path.Combine(s_dir, $"gray-{width}x{height}.png");
        await FfmpegAsync(path, ["-f", "lavfi", "-i", $"color=c=gray:s={width}x{height}", "-frames:v", "1"]);
        return path;
    }

    /// <summary>A file named <c>.png</c> with a PNG signature, padded with zeros to <paramref name="bytes"/>.</summary>
    public static string HugePng(long bytes)
    {
        var path = Path.Combine(s_dir, $"huge-{bytes}.png");
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        file.SetLength(bytes);
        return path;
    }

    /// <summary>How long <paramref name="path"/> plays, decoded.</summary>
    public static async Task<double> DurationAsync(string path) => (await Ffprobe.ProbeAsync(path)).DurationSec;

    private static async Task FfmpegAsync(string output, string[] input)
    {
        if (File.Exists(output))
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Cli.Wrap("ffmpeg").WithArguments(["-v", "error", "-y", .. input, output]).ExecuteBufferedAsync(timeout.Token);
    }
}
