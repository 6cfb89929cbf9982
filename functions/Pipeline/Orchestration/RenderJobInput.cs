using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Input of one <see cref="RenderJob"/> instance. Settings travel with the input because an orchestrator
/// must not read configuration (replays must see the same values).
/// </summary>
/// <param name="PendingReport">Set when the instance continued as new while its report was overdue: it resumes at delivery.</param>
public sealed record RenderJobInput(LeasedJob Job, RenderJobSettings Settings, PendingReport? PendingReport = null);

public sealed record RenderJobSettings
{
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMinutes(45);
    public TimeSpan PresignedUrlTtl { get; init; } = TimeSpan.FromMinutes(60);
    public TimeSpan ReportRetryWindow { get; init; } = TimeSpan.FromHours(3);

    /// <summary>How often an undelivered report is retried once the window is over.</summary>
    public TimeSpan ReportRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts past the window before the delivery continues as new (bounds its history). Small in tests.</summary>
    public int ReportAttemptsPerRun { get; init; } = 50;
    public TimeSpan ActivityFirstRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Null: the render request leaves it unset and the worker's own setting applies.</summary>
    public bool? ForceSadTalker { get; init; }

    /// <summary>Null: the render request leaves it unset and the worker's own setting applies.</summary>
    public double? MaxAudioSeconds { get; init; }

    public string? SadTalkerArgs { get; init; }
}

/// <summary>What the orchestration returns: the report it delivered to the backend.</summary>
public sealed record RenderJobOutcome(string JobId, JobReport Report);
