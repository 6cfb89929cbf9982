using Xunit.Abstractions;
using Xunit.Sdk;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>
/// The whole local stack as real processes on free loopback ports (<see cref="StackLauncher"/>), shared by the
/// end-to-end tests: Azurite, s3rver, the dev backend, the render worker (with the fake SadTalker), the pipeline
/// host, and a fake ElevenLabs in this process. Every process's output goes to its own log under <see cref="LogDirectory"/>.
/// At the end it stops everything, prints the run's summary line and fails the run if a log holds a secret.
/// </summary>
public sealed partial class LocalStack(IMessageSink diagnostics) : IAsyncLifetime
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    private readonly string _runDirectory = Path.Combine(
        RepoPaths.Root,
        "TestResults",
        "e2e",
        $"{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}"
    );

    private readonly List<StackProgram> _extraRenderWorkers = [];
    private StackLauncher? _stack;
    private int _stopped;

    public StackSecrets Secrets { get; } = new();
    public FaultLedger Faults { get; } = new();

    public string LogDirectory => Path.Combine(_runDirectory, "logs");
    private string WorkDirectory => Path.Combine(_runDirectory, "work");

    private StackLauncher Stack => _stack ?? throw new InvalidOperationException("The stack has not started.");

    public AzuriteFixture Azurite => Stack.Azurite;
    public S3ServerFixture S3 => Stack.S3;
    public FakeElevenLabs ElevenLabs { get; private set; } = null!;
    public StackProgram DevBackend => Stack.DevBackend;
    public StackProgram RenderWorker => Stack.RenderWorkers[0];

    /// <summary><see cref="RenderWorker"/> and the extra workers a test started (<see cref="StartExtraRenderWorkersAsync"/>).</summary>
    public IReadOnlyList<StackProgram> RenderWorkers
    {
        get
        {
            lock (_extraRenderWorkers)
                return [RenderWorker, .. _extraRenderWorkers.Where(w => w.IsRunning)];
        }
    }
    public StackProgram PipelineHost => Stack.PipelineHost;
    public DevBackendClient Backend => Stack.Backend;

    /// <summary>The sample portrait, uploaded once like a user's upload; jobs name it by key.</summary>
    public string PortraitKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(SadTalkerDirectory, "checkpoints"));
        try
        {
            ElevenLabs = await FakeElevenLabs.StartAsync();
            _stack = await StackLauncher.StartAsync(
                new StackLaunchSettings
                {
                    RunDirectory = _runDirectory,
                    WorkerToken = Secrets.WorkerToken,
                    S3SecretKey = Secrets.S3SecretKey,
                    PipelineHost = PipelineHostSettings(),
                    RenderWorker = RenderWorkerSettings(),
                }
            );
            PortraitKey = await Backend.UploadAsync(RepoPaths.SamplePortrait, "e2e");
        }
        catch
        {
            await StopAllAsync();
            throw;
        }
    }

    /// <summary>After a test that stopped components: every one of them runs again, with its default settings.</summary>
    public async Task RestoreAsync()
    {
        if (!Azurite.IsRunning)
            await Azurite.StartAsync();
        if (!S3.IsRunning)
            await S3.StartAsync();
        await Task.WhenAll(RenderWorker.RestoreDefaultsAsync(), PipelineHost.RestoreDefaultsAsync());
    }

    /// <summary>
    /// Starts <paramref name="count"/> more render workers (<c>render-worker-2</c>, …) with the default worker settings
    /// and <paramref name="overrides"/>, like more GPU containers; disposing the result kills them.
    /// </summary>
    public async Task<IAsyncDisposable> StartExtraRenderWorkersAsync(int count, IReadOnlyDictionary<string, string?> overrides)
    {
        var workers = Enumerable.Range(2, count).Select(i => Stack.NewRenderWorker($"render-worker-{i}")).ToList();
        lock (_extraRenderWorkers)
            _extraRenderWorkers.AddRange(workers);
        var extra = new ExtraRenderWorkers(this, workers);
        try
        {
            await Task.WhenAll(workers.Select(w => w.StartAsync(overrides)));
        }
        catch
        {
            await extra.DisposeAsync();
            throw;
        }
        return extra;
    }

    /// <summary>Queues a job for the sample portrait with <paramref name="text"/>; the defaults can be overridden.</summary>
    public Task<string> QueueTextJobAsync(string text, string voiceId = "en_female_1") =>
        Backend.QueueAsync(new NewJobRequest(Text: text, VoiceId: voiceId, ImageKey: PortraitKey));

    /// <summary>Waits until the backend has the job's report; a timeout shows the tail of the pipeline's logs.</summary>
    public Task<Job> WaitForEndAsync(string jobId, TimeSpan? timeout = null) =>
        Backend.WaitForEndAsync(jobId, timeout ?? JobTimeout, DescribeRecentOutput);

    public string DescribeRecentOutput() =>
        string.Join(
            "\n",
            new[] { PipelineHost }
                .Concat(RenderWorkers)
                .Select(p => $"--- last lines of {p.Name} ({(p.IsRunning ? "running" : "not running")}) ---\n{Tail(p.Output, 25)}")
        );

    public async Task DisposeAsync()
    {
        var jobs = await TryListJobsAsync();
        await StopAllAsync();
        var findings = LogScan.FindSecrets(LogDirectory, Secrets.ByName);
        diagnostics.OnMessage(
            new DiagnosticMessage(Faults.Summary(jobs, findings.Count, Path.GetRelativePath(RepoPaths.Root, LogDirectory)))
        );
        TryDelete(WorkDirectory);
        if (findings.Count > 0)
            throw new InvalidOperationException($"Secrets appear in the stack's logs:\n{string.Join("\n", findings)}");
    }

    /// <summary>Every job the backend knows, or none when it cannot tell (it never started, or it died).</summary>
    private async Task<IReadOnlyList<Job>> TryListJobsAsync()
    {
        if (_stack is null)
            return [];
        try
        {
            return await Backend.AllAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    private async Task StopAllAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        List<StackProgram> extra;
        lock (_extraRenderWorkers)
            extra = [.. _extraRenderWorkers];
        foreach (var worker in extra)
            await worker.KillAsync();
        if (_stack is not null)
            await _stack.DisposeAsync();
        if (ElevenLabs is not null)
            await ElevenLabs.DisposeAsync();
    }

    private sealed class ExtraRenderWorkers(LocalStack stack, List<StackProgram> workers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(workers.Select(w => w.KillAsync()));
            lock (stack._extraRenderWorkers)
                stack._extraRenderWorkers.RemoveAll(workers.Contains);
        }
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
    }
}
