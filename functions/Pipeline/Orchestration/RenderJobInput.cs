using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Input of one <see cref="RenderJob"/> instance. Settings travel with the input because an orchestrator
/// must not read configuration (replays must see the same values).
/// </summary>
/// <param name="PendingReport">Set when the instance continued as new while its report was overdue: it resumes at delivery.</param>
public sealed record RenderJobInput(LeasedJob Job, RenderJobSettings Settings, PendingReport? PendingReport = null);

/// <summary>
/// The orchestration's settings, made by <see cref="PipelineOptions.ToJobSettings"/>: the defaults of those that
/// are settings live there, so they are required here.
/// </summary>
public sealed record RenderJobSettings
{
    public required TimeSpan RenderTimeout { get; init; }
    public required TimeSpan PresignedUrlTtl { get; init; }
    public required TimeSpan ReportRetryWindow { get; init; }

    /// <summary>How often an undelivered report is retried once the window is over.</summary>
    public required TimeSpan ReportRetryInterval { get; init; }

    /// <summary>Attempts past the window before the delivery continues as new (bounds its history). Small in tests.</summary>
    public int ReportAttemptsPerRun { get; init; } = 50;
    public required TimeSpan ActivityFirstRetry { get; init; }

    /// <summary>Null: the render request leaves it unset and the worker's own setting applies.</summary>
    public bool? ForceSadTalker { get; init; }

    /// <summary>Null: the render request leaves it unset and the worker's own setting applies.</summary>
    public double? MaxAudioSeconds { get; init; }

    public string? SadTalkerArgs { get; init; }

    /// <summary>RENDER_CHUNK_SECONDS: speech longer than this is split; 0 (also what an instance started before chunking reads) = never.</summary>
    public double ChunkSeconds { get; init; }

    /// <summary>RENDER_MAX_PARALLEL_CHUNKS: chunks of this job requested at once.</summary>
    public int MaxParallelChunks { get; init; } = 1;

    /// <summary>CAPTIONS (off/file/burn); null (an instance started before captions) = off.</summary>
    public string? Captions { get; init; }
}

/// <summary>What the orchestration returns: the job's report, and whether the backend took it.</summary>
public sealed record RenderJobOutcome(string JobId, JobReport Report, ReportOutcome Delivery = ReportOutcome.Delivered);
