namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// One run's measures: the backend's timestamps (queued → leased → reported), the report, the render workers'
/// logs and the published video's length. A run that went wrong keeps what it measured and says what went wrong.
/// </summary>
internal sealed record ChunkedRunResult
{
    public required RunPlan Plan { get; init; }
    public required double AudioSeconds { get; init; }
    public double PickupSeconds { get; init; } = double.NaN;

    /// <summary>Leased → reported, from the dev backend's <c>leasedAt</c> and <c>finishedAt</c>.</summary>
    public double LatencySeconds { get; init; } = double.NaN;

    public ReportedRender? Report { get; init; }
    public int ReportCount { get; init; }
    public RenderWorkerLogs? Logs { get; init; }
    public double? VideoSeconds { get; init; }
    public required string LogsDir { get; init; }
    public required TimeSpan Wall { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Ok => Problems.Count == 0;

    /// <summary>The report's GPU-seconds, else (when the report has none) the logs'.</summary>
    public double GpuSeconds => Report?.GpuSeconds ?? Logs?.GpuSeconds ?? double.NaN;

    public double StitchSeconds => Report?.StitchMs is { } ms ? ms / 1000.0 : Logs?.StitchSeconds ?? double.NaN;

    public int? Chunks => Report?.Chunks ?? Logs?.PlannedChunks;

    public double VideoMinusAudio => VideoSeconds is { } v ? v - AudioSeconds : double.NaN;
}
