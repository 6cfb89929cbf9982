using Serverless.Benchmarks.Measures;

namespace Serverless.Benchmarks.Report;

/// <summary>Everything one <c>pipeline</c> run measured, and the targets against it.</summary>
internal sealed record PipelineResults
{
    public const double ThroughputRatioTarget = 3;
    public const double OverheadTargetSeconds = 1;
    public const double MemoryGrowthToleranceMiB = 16;

    public required string Machine { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required int Workers { get; init; }
    public required double PollSeconds { get; init; }
    public required int AudioJobs { get; init; }
    public required int TextJobs { get; init; }
    public required double AudioSeconds { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required IReadOnlyList<ThroughputResult> Throughput { get; init; }
    public required IReadOnlyList<JobLatency> Latency { get; init; }
    public required IReadOnlyList<MemoryResult> Memory { get; init; }

    public double PickupTargetSeconds => PollSeconds + 1;

    public ThroughputResult Batch(string system, string kind) => Throughput.Single(t => t.System == system && t.Kind == kind);

    public double Ratio(string kind) => Batch(Systems.Pipeline, kind).JobsPerMinute / Batch(Systems.Baseline, kind).JobsPerMinute;

    public double PickupP95 => Percentiles.Of(Latency.Select(j => j.PickupSeconds), 95);

    public double OverheadP50 => Percentiles.Median(Latency.Select(j => j.OverheadSeconds));

    /// <summary>The render worker's peak for the longest job over its peak for the shortest.</summary>
    public double WorkerGrowthMiB =>
        Memory.MaxBy(m => m.AudioSeconds)!.RenderWorkerMiB - Memory.MinBy(m => m.AudioSeconds)!.RenderWorkerMiB;

    public bool ThroughputMet => Ratio("audio") >= ThroughputRatioTarget;
    public bool PickupMet => PickupP95 <= PickupTargetSeconds;
    public bool OverheadMet => OverheadP50 < OverheadTargetSeconds;
    public bool MemoryMet => WorkerGrowthMiB <= MemoryGrowthToleranceMiB;
    public bool MeetsTargets => ThroughputMet && PickupMet && OverheadMet && MemoryMet;
}

internal static class Systems
{
    public const string Pipeline = "pipeline";
    public const string Baseline = "baseline";
}
