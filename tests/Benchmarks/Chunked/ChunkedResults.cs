namespace Serverless.Benchmarks.Chunked;

/// <summary>Every run of one <c>chunked</c> invocation, and issue #14's targets against them.</summary>
internal sealed record ChunkedResults
{
    /// <summary>Lease → report with <see cref="TargetWorkers"/> workers at least this many times shorter than unchunked on one.</summary>
    public const double SpeedUpTarget = 5;

    public const int TargetWorkers = 8;

    /// <summary>The stitch under this share of the unchunked job's render time (its GPU-seconds).</summary>
    public const double StitchShareTarget = 0.05;

    /// <summary>A chunked job's GPU-seconds at most this many times the unchunked job's.</summary>
    public const double GpuRatioTarget = 1.3;

    public required ChunkedSettings Settings { get; init; }
    public required string Machine { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required double AudioSeconds { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required ChunkedRunResult Baseline { get; init; }
    public required IReadOnlyList<ChunkedRunResult> Chunked { get; init; }

    public double SpeedUp(ChunkedRunResult run) => Baseline.LatencySeconds / run.LatencySeconds;

    public double GpuRatio(ChunkedRunResult run) => run.GpuSeconds / Baseline.GpuSeconds;

    /// <summary>
    /// What the simulated GPU alone spent on the run's renders (load + per-second × each render's video length, from
    /// the logs): the GPU-seconds free of the CPU work that K workers share on this machine's few cores.
    /// </summary>
    public double SimulatedGpuSeconds(ChunkedRunResult run) =>
        run.Logs is { Renders: > 0 } logs
            ? logs.Renders * Settings.LoadSeconds + Settings.SecondsPerAudioSecond * logs.RenderedVideoSeconds
            : double.NaN;

    public double SimulatedGpuRatio(ChunkedRunResult run) => SimulatedGpuSeconds(run) / SimulatedGpuSeconds(Baseline);

    public double StitchShare(ChunkedRunResult run) => run.StitchSeconds / Baseline.GpuSeconds;

    /// <summary>The run the speed-up target is judged on: K = 8, else the most workers run.</summary>
    public ChunkedRunResult? SpeedUpRun =>
        Chunked.FirstOrDefault(r => r.Plan.Workers == TargetWorkers) ?? Chunked.MaxBy(r => r.Plan.Workers);

    /// <summary>The slowest stitch of the chunked runs.</summary>
    public double WorstStitchShare => Chunked.Count == 0 ? double.NaN : Chunked.Max(StitchShare);

    /// <summary>The most GPU-seconds a chunked run took, over the unchunked run's.</summary>
    public double WorstGpuRatio => Chunked.Count == 0 ? double.NaN : Chunked.Max(GpuRatio);

    // NaN (a run that measured nothing) compares false: it misses the target.
    public bool SpeedUpMet => SpeedUpRun is { } run && SpeedUp(run) >= SpeedUpTarget;
    public bool StitchMet => WorstStitchShare < StitchShareTarget;
    public bool GpuMet => WorstGpuRatio <= GpuRatioTarget;
    public bool RunsOk => Baseline.Ok && Chunked.All(r => r.Ok);
    public bool MeetsTargets => SpeedUpMet && StitchMet && GpuMet && RunsOk;

    /// <summary>
    /// Lease → report if only the simulated GPU took time: ceil(chunks / parallel) rounds of (load + per-second ×
    /// the longest chunk), or one render of the whole speech.
    /// </summary>
    public double IdealSeconds(ChunkedRunResult run)
    {
        if (!run.Plan.Split || run.Chunks is not { } chunks || chunks <= 1)
            return Settings.GpuSeconds(AudioSeconds);
        var longest = run.Logs?.LongestChunkSeconds ?? AudioSeconds / chunks;
        var rounds = Math.Ceiling(chunks / (double)Math.Min(run.Plan.Workers, Settings.MaxParallelChunks));
        return rounds * Settings.GpuSeconds(longest);
    }
}
