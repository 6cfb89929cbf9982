namespace Serverless.TestFixtures;

/// <summary>
/// The whole local stack as real processes on free loopback ports, for the end-to-end tests and the benchmarks
/// (scripts/up.sh starts the same for people): Azurite on disk, s3rver, the dev backend, the render worker(s) and
/// the pipeline host. Each component can be killed, stopped and started again on its own; every process's output
/// goes to its own log under <see cref="LogDirectory"/>. Disposing stops the programs first, the stores last.
/// </summary>
public sealed class StackLauncher : IAsyncDisposable
{
    /// <summary>Single-line, timestamped console logs from every .NET program.</summary>
    private static readonly Dictionary<string, string?> s_logging = new()
    {
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private readonly StackLaunchSettings _settings;
    private int _stopped;

    private StackLauncher(StackLaunchSettings settings)
    {
        _settings = settings;
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(WorkDirectory);
        // On disk, like scripts/up.sh: the durable task hub must outlive an Azurite restart.
        Azurite = new AzuriteFixture { LogPath = LogPath("azurite"), Location = Path.Combine(WorkDirectory, "azurite") };
        S3 = new S3ServerFixture { LogPath = LogPath("s3rver") };
        BackendUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Backend = new DevBackendClient(BackendUrl);
        DevBackend = Program("dev-backend", "tests/Serverless.DevBackend", ["--urls", BackendUrl.ToString()], DevBackendSettings());
        RenderWorkers =
        [
            .. Enumerable
                .Range(1, settings.RenderWorkers)
                .Select(i => NewRenderWorker(settings.RenderWorkers == 1 ? "render-worker" : $"render-worker-{i}")),
        ];
        PipelineHost = Program("pipeline-host", "functions/StandaloneHost", [], PipelineHostSettings());
    }

    public string LogDirectory => Path.Combine(_settings.RunDirectory, "logs");

    public string WorkDirectory => Path.Combine(_settings.RunDirectory, "work");

    public AzuriteFixture Azurite { get; }
    public S3ServerFixture S3 { get; }
    public Uri BackendUrl { get; }
    public DevBackendClient Backend { get; }
    public StackProgram DevBackend { get; }
    public IReadOnlyList<StackProgram> RenderWorkers { get; }
    public StackProgram PipelineHost { get; }

    /// <summary>
    /// One more render worker wired like <see cref="RenderWorkers"/>, logging to <c>logs/&lt;name&gt;.log</c>; not
    /// started, and not stopped with the stack: whoever makes it starts and kills it.
    /// </summary>
    public StackProgram NewRenderWorker(string name) =>
        Program(name, "gpu-container/RenderWorker", ["worker"], RenderWorkerSettings(), "render-worker");

    public static async Task<StackLauncher> StartAsync(StackLaunchSettings settings)
    {
        var stack = new StackLauncher(settings);
        try
        {
            await Task.WhenAll(stack.Azurite.InitializeAsync(), stack.S3.InitializeAsync());
            await stack.DevBackend.StartAsync();
            await Task.WhenAll([.. stack.RenderWorkers.Select(w => w.StartAsync()), stack.PipelineHost.StartAsync()]);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        // Leasing stops first, the data stores last.
        foreach (var program in (StackProgram[])[PipelineHost, .. RenderWorkers, DevBackend])
            await program.KillAsync();
        Backend.Dispose();
        await S3.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    private Dictionary<string, string?> S3Settings() =>
        new()
        {
            ["S3_BUCKET"] = S3ServerFixture.Bucket,
            ["S3_REGION"] = S3ServerFixture.Region,
            ["S3_ENDPOINT"] = S3.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3ServerFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = _settings.S3SecretKey,
        };

    private Dictionary<string, string?> DevBackendSettings() => new(S3Settings()) { ["WORKER_TOKEN"] = _settings.WorkerToken };

    private Dictionary<string, string?> RenderWorkerSettings() =>
        Merge(new Dictionary<string, string?> { ["RENDER_QUEUE_CONNECTION"] = Azurite.ConnectionString }, _settings.RenderWorker);

    private Dictionary<string, string?> PipelineHostSettings() =>
        Merge(
            new Dictionary<string, string?>(S3Settings())
            {
                ["BACKEND_URL"] = BackendUrl.ToString(),
                ["WORKER_TOKEN"] = _settings.WorkerToken,
                ["AzureWebJobsStorage"] = Azurite.ConnectionString,
                ["ALLOW_LOOPBACK_URLS"] = "true",
                // The same lease owner after every restart, as scripts/up.sh keeps it.
                ["DURABLE_WORKER_ID"] = "stack-pipeline-host",
            },
            _settings.PipelineHost
        );

    private StackProgram Program(
        string name,
        string projectDir,
        IReadOnlyList<string> arguments,
        Dictionary<string, string?> own,
        string? assembly = null
    )
    {
        var environment = Merge(Merge(s_logging, _settings.Common), own);
        return new StackProgram(name, RepoPaths.BuiltProgram(projectDir, assembly ?? name), arguments, environment, LogPath(name));
    }

    /// <summary>A copy of <paramref name="first"/> with <paramref name="then"/>'s values over it.</summary>
    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> first, IReadOnlyDictionary<string, string?> then)
    {
        var merged = new Dictionary<string, string?>(first);
        foreach (var (key, value) in then)
            merged[key] = value;
        return merged;
    }

    private string LogPath(string name) => Path.Combine(LogDirectory, name + ".log");
}
