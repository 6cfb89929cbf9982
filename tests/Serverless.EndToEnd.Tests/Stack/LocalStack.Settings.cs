namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>What the end-to-end tests set on top of the launcher's wiring: a fake ElevenLabs, a fake SadTalker, short timings.</summary>
public sealed partial class LocalStack
{
    private string SadTalkerDirectory => Path.Combine(WorkDirectory, "sadtalker");

    private Dictionary<string, string?> PipelineHostSettings() =>
        new()
        {
            ["TTS_PROVIDER"] = "elevenlabs",
            ["ELEVENLABS_API_KEY"] = Secrets.ElevenLabsApiKey,
            ["ELEVENLABS_BASE_URL"] = ElevenLabs.BaseUrl.ToString(),
            // 3 000 characters a request: a long text is spoken in several requests and stitched.
            ["ELEVENLABS_MODEL_ID"] = "eleven_v3",
            ["ELEVENLABS_RETRY_BASE_DELAY_MS"] = "200",
            ["POLL_SCHEDULE"] = "* * * * * *",
            ["MAX_CONCURRENT_JOBS"] = "4",
            ["ACTIVITY_RETRY_SECONDS"] = "1",
            // A short report window (6 s), then a retry every second: ReportOutageTests outlast the window.
            ["REPORT_RETRY_MINUTES"] = "0.1",
            ["REPORT_RETRY_INTERVAL_SECONDS"] = "1",
            ["RENDER_TIMEOUT_MINUTES"] = "5",
            // A step cut off by a kill runs again after this (default 30 s): short, so the restart tests stay quick.
            ["DURABLE_VISIBILITY_TIMEOUT_SECONDS"] = "10",
        };

    private Dictionary<string, string?> RenderWorkerSettings() =>
        new()
        {
            ["SADTALKER_CMD"] = $"dotnet \"{RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker")}\"",
            ["SADTALKER_ARGS"] = "--preprocess full --still",
            // The fake's folder is a SadTalker root (checkpoints, gfpgan/weights); SadTalkerDirectory has no weights.
            ["SADTALKER_WORKDIR"] = Path.GetDirectoryName(RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker")),
            ["FAKE_SADTALKER_MODE"] = "ok",
            ["RENDER_CONCURRENCY"] = "2",
            ["RENDER_POLL_INTERVAL_MS"] = "200",
            ["RENDER_MAX_POLL_INTERVAL_MS"] = "500",
            ["RENDER_VISIBILITY_TIMEOUT_SECONDS"] = "30",
            ["RENDER_RETRY_DELAY_SECONDS"] = "1",
            ["RENDER_SHUTDOWN_GRACE_SECONDS"] = "2",
            ["WORK_DIR"] = Path.Combine(WorkDirectory, "render"),
        };
}
