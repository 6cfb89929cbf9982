namespace Serverless.Benchmarks.Measures;

/// <summary>Peak resident sizes (MiB) while one job of <see cref="AudioSeconds"/> ran alone through the stack.</summary>
internal sealed record MemoryResult(
    double AudioSeconds,
    double JobSeconds,
    double PipelineHostMiB,
    double RenderWorkerMiB,
    double FfmpegMiB,
    bool PeakWasReset
);
