namespace Serverless.Benchmarks.Pipeline;

/// <summary>The <c>pipeline</c> verb's options.</summary>
internal sealed record PipelineSettings(
    int AudioJobs,
    int TextJobs,
    int Workers,
    int LatencyJobs,
    int PollSeconds,
    int LongAudioSeconds,
    int FallbackRuns,
    string? ReportPath,
    bool SkipBuild
)
{
    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);

    /// <summary>Settings of the stack under test (environment of scripts/up.sh): all defaults but these.</summary>
    public IReadOnlyDictionary<string, string?> StackEnvironment =>
        new Dictionary<string, string?>
        {
            ["RENDER_WORKERS"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["POLL_SCHEDULE"] = $"*/{PollSeconds} * * * * *",
            ["TTS_PROVIDER"] = "espeak",
            ["MAX_INPUT_AUDIO_SECONDS"] = (LongAudioSeconds * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_AUDIO_SECONDS"] = "0",
        };
}
