using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// A cross-check of the report, from the render workers' own log lines of one run (a fresh stack runs one job):
/// every render's prepare + render time and video length, the plan of a split job, the stitch's steps, and how long
/// the renders took from the first start to the last end (the launcher's logs carry a time of day on every line).
/// </summary>
internal sealed partial record RenderWorkerLogs(
    int Renders,
    double GpuSeconds,
    double RenderedVideoSeconds,
    double? RenderSpanSeconds,
    int? PlannedChunks,
    double? LongestChunkSeconds,
    double? StitchSeconds,
    double? StitchTotalSeconds,
    int FallBacks
)
{
    public static RenderWorkerLogs Read(string logDirectory)
    {
        var lines = Directory.Exists(logDirectory)
            ? Directory.EnumerateFiles(logDirectory, "render-worker*.log").SelectMany(File.ReadLines).ToList()
            : [];
        var renders = lines.Select(l => (Match: Rendered().Match(l), At: TimeOfDay(l))).Where(r => r.Match.Success).ToList();
        var planned = lines.Select(l => (Match: Planned().Match(l), At: TimeOfDay(l))).Where(p => p.Match.Success).ToList();
        var plan = planned.Count > 0 ? planned[^1].Match : null;
        var plannedAt = planned.Count > 0 ? planned[^1].At : TimeSpan.Zero;
        var stitch = lines.Select(l => Stitched().Match(l)).LastOrDefault(m => m.Success);

        // The renders begin with the first request started after the plan (every request of an unsplit job).
        var lastEnd = renders.Select(r => r.At).Max();
        var firstStart = lines
            .Where(l => l.Contains(" started (delivery ", StringComparison.Ordinal))
            .Select(TimeOfDay)
            .Where(t => t >= plannedAt && t <= lastEnd)
            .Min();

        return new RenderWorkerLogs(
            renders.Count,
            renders.Sum(r => Ms(r.Match, "prepare") + Ms(r.Match, "render")) / 1000.0,
            renders.Sum(r => double.Parse(r.Match.Groups["video"].Value, CultureInfo.InvariantCulture)),
            lastEnd - firstStart is { } span ? span.TotalSeconds : null,
            plan is null ? null : int.Parse(plan.Groups["chunks"].Value, CultureInfo.InvariantCulture),
            plan is null ? null : double.Parse(plan.Groups["longest"].Value, CultureInfo.InvariantCulture),
            stitch is null ? null : Ms(stitch, "stitch") / 1000.0,
            stitch is null ? null : (Ms(stitch, "download") + Ms(stitch, "prepare") + Ms(stitch, "stitch") + Ms(stitch, "upload")) / 1000.0,
            lines.Count(l => l.Contains("fallback rendered the video", StringComparison.Ordinal))
        );
    }

    /// <summary>The <c>HH:mm:ss.fff</c> a log line starts with; a run spans no midnight worth minding.</summary>
    private static TimeSpan? TimeOfDay(string line) =>
        line.Length > 12 && TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var at) ? at : null;

    private static long Ms(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"Rendered with (?<renderer>\w+): (?<video>[0-9.]+) s of video; download \d+ ms, prepare (?<prepare>\d+) ms, render (?<render>\d+) ms"
    )]
    private static partial Regex Rendered();

    [GeneratedRegex(@"planned as (?<chunks>\d+) chunks of at most (?<longest>[0-9.]+) s")]
    private static partial Regex Planned();

    [GeneratedRegex(
        @"stitched \d+ chunks into \S+ s; download (?<download>\d+) ms, prepare (?<prepare>\d+) ms, stitch (?<stitch>\d+) ms, upload (?<upload>\d+) ms"
    )]
    private static partial Regex Stitched();
}
