using System.Text.Json.Nodes;
using Serverless.DevBackend;

namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// What the pipeline reported for a job, read from the report JSON the dev backend stored (the wire's names, so the
/// fields of a chunked job need no shared type): the renderer, and on a split job the chunks, the stitch time, and the
/// renderer time summed over the job's renders (<c>gpuSeconds</c>: prepare + render of each chunk, or of the one render).
/// </summary>
internal sealed record ReportedRender(
    string Status,
    string? Error,
    string? Renderer,
    int? Chunks,
    double? GpuSeconds,
    long? StitchMs,
    string? FallbackReason,
    double? DurationSec,
    long SadTalkerMs
)
{
    public static ReportedRender From(Job job)
    {
        var report = job.Result;
        var output = report?["output"];
        return new ReportedRender(
            report?["status"]?.GetValue<string>() ?? job.Status,
            report?["error"]?.GetValue<string>(),
            output?["renderer"]?.GetValue<string>(),
            Number(output?["chunks"]) is { } chunks ? (int)chunks : null,
            Number(output?["gpuSeconds"]),
            Number(output?["stitchMs"]) is { } stitch ? (long)stitch : null,
            output?["fallbackReason"]?.GetValue<string>(),
            Number(output?["durationSec"]),
            (long)(Number(report?["timings"]?["sadtalker_ms"]) ?? 0)
        );
    }

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
