using Serverless.Contracts;

namespace Serverless.Pipeline.Orchestration;

/// <summary>What the rendering stage hands to publishing and the report: the video is at the job's rendered keys.</summary>
/// <param name="GpuSeconds">Renderer time over every render the job took, wasted ones (a failed chunk, a fallback) included.</param>
/// <param name="Chunks">The number of chunks of a split job; null when rendered whole.</param>
/// <param name="StitchMs">The stitch request's time on its worker, for a split job.</param>
/// <param name="FallbackReason">Why a fallback renderer made the video (<c>code: message</c>), if it did.</param>
internal sealed record RenderedVideo(
    Renderer? Renderer,
    double DurationSec,
    double GpuSeconds,
    int? Chunks = null,
    long? StitchMs = null,
    string? FallbackReason = null
)
{
    public static double GpuSecondsOf(RenderResult result) => (result.Timings.PrepareMs + result.Timings.RenderMs) / 1000.0;
}
