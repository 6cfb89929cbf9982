using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Benchmarks.Media;

internal static class MediaTools
{
    public static async Task<double> DurationAsync(string path, CancellationToken cancellationToken)
    {
        var probe = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path])
            .ExecuteBufferedAsync(cancellationToken);
        return double.Parse(probe.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }
}
