namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>How the programs of the stack are wired: the environment each one starts with (see scripts/up.sh).</summary>
public sealed partial class LocalStack
{
    private string SadTalkerDirectory => Path.Combine(WorkDirectory, "sadtalker");

    /// <summary>Single-line, timestamped console logs from every .NET program.</summary>
    private static readonly Dictionary<string, string?> s_logging = new()
    {
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private Dictionary<string, string?> S3Settings() =>
        new()
        {
            ["S3_BUCKET"] = S3ServerFixture.Bucket,
            ["S3_REGION"] = S3ServerFixture.Region,
            ["S3_ENDPOINT"] = S3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3ServerFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = Secrets.S3SecretKey,
        };

    private Dictionary<string, string?> DevBackendSettings() =>
        new(s_logging.Concat(S3Settings())) { ["WORKER_TOKEN"] = Secrets.WorkerToken };

    private Dictionary<string, string?> PipelineHostSettings(Uri backendUrl) =>
        new(s_logging.Concat(S3Settings()))
        {
            ["BACKEND_URL"] = backendUrl.ToString(),
            ["WORKER_TOKEN"] = Secrets.WorkerToken,
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["ALLOW_LOOPBACK_URLS"] = "true",
            ["TTS_PROVIDER"] = "elevenlabs",
            ["ELEVENLABS_API_KEY"] = Secrets.ElevenLabsApiKey,
            ["ELEVENLABS_BASE_URL"] = ElevenLabs.BaseUrl.ToString(),
            // 3 000 characters a request: a long text is spoken in several requests and stitched.
            ["ELEVENLABS_MODEL_ID"] = "eleven_v3",
            ["ELEVENLABS_RETRY_BASE_DELAY_MS"] = "200",
            ["POLL_SCHEDULE"] = "* * * * * *",
            ["MAX_CONCURRENT_JOBS"] = "4",
            ["ACTIVITY_RETRY_SECONDS"] = "1",
            ["REPORT_RETRY_MINUTES"] = "5",
            ["RENDER_TIMEOUT_MINUTES"] = "5",
            // The same lease owner after every restart, as scripts/up.sh sets it.
            ["DURABLE_WORKER_ID"] = "e2e-pipeline-host",
            // A step cut off by a kill runs again after this (default 30 s): short, so the restart tests stay quick.
            ["DURABLE_VISIBILITY_TIMEOUT_SECONDS"] = "10",
        };

    private Dictionary<string, string?> RenderWorkerSettings() =>
        new(s_logging)
        {
            ["RENDER_QUEUE_CONNECTION"] = Azurite.ConnectionString,
            ["SADTALKER_CMD"] = $"dotnet \"{RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker")}\"",
            ["SADTALKER_ARGS"] = "--preprocess full --still",
            ["SADTALKER_WORKDIR"] = SadTalkerDirectory,
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
