using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// A cross-check of the report, from the render workers' own log lines of one run (a fresh stack runs one job):
/// every render's prepare + render time, the plan of a split job, and the stitch's steps.
/// </summary>
internal sealed partial record RenderWorkerLogs(
    int Renders,
    int SadTalkerRenders,
    double GpuSeconds,
    int? PlannedChunks,
    double? LongestChunkSeconds,
    double? StitchSeconds,
    double? StitchTotalSeconds,
    int FallBacks
)
{
    public static RenderWorkerLogs Read(string logDirectory)
    {
        var lines = Directory.EnumerateFiles(logDirectory, "render-worker*.log").SelectMany(File.ReadLines).ToList();
        var renders = lines.Select(l => Rendered().Match(l)).Where(m => m.Success).ToList();
        var plan = lines.Select(l => Planned().Match(l)).LastOrDefault(m => m.Success);
        var stitch = lines.Select(l => Stitched().Match(l)).LastOrDefault(m => m.Success);
        return new RenderWorkerLogs(
            renders.Count,
            renders.Count(m => m.Groups["renderer"].Value.Equals("sadtalker", StringComparison.OrdinalIgnoreCase)),
            renders.Sum(m => Ms(m, "prepare") + Ms(m, "render")) / 1000.0,
            plan is null ? null : int.Parse(plan.Groups["chunks"].Value, CultureInfo.InvariantCulture),
            plan is null ? null : double.Parse(plan.Groups["longest"].Value, CultureInfo.InvariantCulture),
            stitch is null ? null : Ms(stitch, "stitch") / 1000.0,
            stitch is null ? null : (Ms(stitch, "download") + Ms(stitch, "prepare") + Ms(stitch, "stitch") + Ms(stitch, "upload")) / 1000.0,
            lines.Count(l => l.Contains("the ffmpeg fallback rendered the video", StringComparison.Ordinal))
        );
    }

    private static long Ms(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"Rendered with (?<renderer>\w+): \S+ s of video; download \d+ ms, prepare (?<prepare>\d+) ms, render (?<render>\d+) ms"
    )]
    private static partial Regex Rendered();

    [GeneratedRegex(@"planned as (?<chunks>\d+) chunks of at most (?<longest>[0-9.]+) s")]
    private static partial Regex Planned();

    [GeneratedRegex(
        @"stitched \d+ chunks into \S+ s; download (?<download>\d+) ms, prepare (?<prepare>\d+) ms, stitch (?<stitch>\d+) ms, upload (?<upload>\d+) ms"
    )]
    private static partial Regex Stitched();
}
