using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serverless.Captions;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline;

/// <summary>Settings of the orchestration and the poller (app settings / environment variables).</summary>
public sealed class PipelineOptions
{
    /// <summary>The durable task hub; also names the lease journal's queue (<c>&lt;taskhub&gt;-leases</c>).</summary>
    [ConfigurationKeyName("TASKHUB_NAME")]
    [RegularExpression(
        "^[A-Za-z][A-Za-z0-9]{2,44}$",
        ErrorMessage = "TASKHUB_NAME must be 3 to 45 letters or digits, starting with a letter."
    )]
    public string TaskHubName { get; set; } = "talkinghead";

    /// <summary>Jobs allowed in flight at once; the poller stops leasing at this many.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_JOBS")]
    [Range(1, 1000)]
    public int MaxConcurrentJobs { get; set; } = 4;

    /// <summary>How long a job waits for the GPU render before it is failed as a timeout.</summary>
    [ConfigurationKeyName("RENDER_TIMEOUT_MINUTES")]
    [Range(0.05, 24 * 60)]
    public double RenderTimeoutMinutes { get; set; } = 45;

    /// <summary>Expiry of the presigned URLs handed to the render worker; must outlast the render timeout.</summary>
    [ConfigurationKeyName("PRESIGNED_URL_TTL_MINUTES")]
    [Range(1, 7 * 24 * 60)]
    public double PresignedUrlTtlMinutes { get; set; } = 60;

    /// <summary>How long reporting to the backend is retried (backend outages happen).</summary>
    [ConfigurationKeyName("REPORT_RETRY_MINUTES")]
    [Range(0.05, 7 * 24 * 60)]
    public double ReportRetryMinutes { get; set; } = 180;

    /// <summary>After the report window, an undelivered report is retried this often, for as long as it takes.</summary>
    [ConfigurationKeyName("REPORT_RETRY_INTERVAL_SECONDS")]
    [Range(0.01, 300)]
    public double ReportRetryIntervalSeconds { get; set; } = 300;

    /// <summary>First delay between activity retries; doubles up to a minute. Small in tests.</summary>
    [ConfigurationKeyName("ACTIVITY_RETRY_SECONDS")]
    [Range(0.01, 600)]
    public double ActivityRetrySeconds { get; set; } = 2;

    /// <summary>Fail instead of falling back to the ffmpeg renderer. Unset: the render worker's own FORCE_SADTALKER decides.</summary>
    [ConfigurationKeyName("FORCE_SADTALKER")]
    public bool? ForceSadTalker { get; set; }

    /// <summary>Trim speech to this many seconds before rendering; 0 = no trim. Unset: the render worker's own MAX_AUDIO_SECONDS decides.</summary>
    [ConfigurationKeyName("MAX_AUDIO_SECONDS")]
    [Range(0, 24 * 3600)]
    public double? MaxAudioSeconds { get; set; }

    /// <summary>Extra SadTalker arguments sent with every render request.</summary>
    [ConfigurationKeyName("SADTALKER_EXTRA_ARGS")]
    public string? SadTalkerExtraArgs { get; set; }

    [ConfigurationKeyName("MAX_IMAGE_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

    [ConfigurationKeyName("MAX_AUDIO_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxAudioBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Captions: <c>off</c>, <c>file</c> (WebVTT + SRT beside the video) or <c>burn</c> (also drawn into the video). A job's <c>input.captions</c> overrides it.</summary>
    [ConfigurationKeyName("CAPTIONS")]
    [RegularExpression("^(?i)(off|file|burn)$", ErrorMessage = "CAPTIONS must be off, file or burn.")]
    public string Captions { get; set; } = CaptionMode.Default;

    /// <summary>The settings a new job's orchestration runs with; <paramref name="chunking"/> null: never split.</summary>
    public RenderJobSettings ToJobSettings(ChunkingOptions? chunking = null) =>
        new()
        {
            RenderTimeout = TimeSpan.FromMinutes(RenderTimeoutMinutes),
            PresignedUrlTtl = TimeSpan.FromMinutes(PresignedUrlTtlMinutes),
            ReportRetryWindow = TimeSpan.FromMinutes(ReportRetryMinutes),
            ReportRetryInterval = TimeSpan.FromSeconds(ReportRetryIntervalSeconds),
            ActivityFirstRetry = TimeSpan.FromSeconds(ActivityRetrySeconds),
            ForceSadTalker = ForceSadTalker,
            MaxAudioSeconds = MaxAudioSeconds,
            SadTalkerArgs = string.IsNullOrWhiteSpace(SadTalkerExtraArgs) ? null : SadTalkerExtraArgs,
            ChunkSeconds = chunking?.ChunkSeconds ?? 0,
            MaxParallelChunks = chunking?.MaxParallelChunks ?? 1,
            Captions = CaptionMode.Parse(Captions) ?? CaptionMode.Default,
        };
}
