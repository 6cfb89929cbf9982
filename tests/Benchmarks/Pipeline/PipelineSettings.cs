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
    string? ReportPath
)
{
    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);

    /// <summary>Settings of every program of the stack under test: all defaults but these (and the launcher's wiring).</summary>
    public IReadOnlyDictionary<string, string?> StackEnvironment =>
        new Dictionary<string, string?>
        {
            // The bench's own stack: nothing from the caller's shell may change it.
            ["SADTALKER_CMD"] = null,
            ["ELEVENLABS_API_KEY"] = null,
            ["POLL_SCHEDULE"] = $"*/{PollSeconds} * * * * *",
            ["TTS_PROVIDER"] = "espeak",
            ["MAX_INPUT_AUDIO_SECONDS"] = (LongAudioSeconds * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_AUDIO_SECONDS"] = "0",
        };
}
