using Xunit.Abstractions;
using Xunit.Sdk;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>
/// The whole local stack as real processes on free loopback ports, shared by the end-to-end tests: Azurite,
/// s3rver, the dev backend, the render worker (with the fake SadTalker), the pipeline host, and a fake
/// ElevenLabs in this process. Every process's output goes to its own log under <see cref="LogDirectory"/>.
/// At the end it stops everything, prints the run's summary line and fails the run if a log holds a secret.
/// </summary>
public sealed partial class LocalStack(IMessageSink diagnostics) : IAsyncLifetime
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    private readonly string _runDirectory = Path.Combine(
        RepoPaths.Root, "TestResults", "e2e", $"{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}");

    private int _stopped;

    public StackSecrets Secrets { get; } = new();
    public FaultLedger Faults { get; } = new();

    public string LogDirectory => Path.Combine(_runDirectory, "logs");
    private string WorkDirectory => Path.Combine(_runDirectory, "work");

    public AzuriteFixture Azurite { get; private set; } = null!;
    public S3ServerFixture S3 { get; private set; } = null!;
    public FakeElevenLabs ElevenLabs { get; private set; } = null!;
    public StackProgram DevBackend { get; private set; } = null!;
    public StackProgram RenderWorker { get; private set; } = null!;
    public StackProgram PipelineHost { get; private set; } = null!;
    public DevBackendClient Backend { get; private set; } = null!;

    /// <summary>The sample portrait, uploaded once like a user's upload; jobs name it by key.</summary>
    public string PortraitKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(Path.Combine(SadTalkerDirectory, "checkpoints"));
        try
        {
            ElevenLabs = await FakeElevenLabs.StartAsync();
            // On disk, like scripts/up.sh: the durable task hub must outlive an Azurite restart.
            Azurite = new AzuriteFixture { LogPath = LogPath("azurite"), Location = Path.Combine(WorkDirectory, "azurite") };
            S3 = new S3ServerFixture { LogPath = LogPath("s3rver") };
            await Task.WhenAll(Azurite.InitializeAsync(), S3.InitializeAsync());

            var backendUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            DevBackend = Program("dev-backend", "tests/Serverless.DevBackend", ["--urls", backendUrl.ToString()], DevBackendSettings());
            await DevBackend.StartAsync();
            Backend = new DevBackendClient(backendUrl);
            PortraitKey = await Backend.UploadAsync(RepoPaths.SamplePortrait, "e2e");

            RenderWorker = Program("render-worker", "gpu-container/RenderWorker", ["worker"], RenderWorkerSettings());
            PipelineHost = Program("pipeline-host", "functions/StandaloneHost", [], PipelineHostSettings(backendUrl));
            await Task.WhenAll(RenderWorker.StartAsync(), PipelineHost.StartAsync());
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

    /// <summary>Queues a job for the sample portrait with <paramref name="text"/>; the defaults can be overridden.</summary>
    public Task<string> QueueTextJobAsync(string text, string voiceId = "en_female_1") =>
        Backend.QueueAsync(new NewJobRequest(Text: text, VoiceId: voiceId, ImageKey: PortraitKey));

    /// <summary>Waits until the backend has the job's report; a timeout shows the tail of the pipeline's logs.</summary>
    public Task<Job> WaitForEndAsync(string jobId, TimeSpan? timeout = null) =>
        Backend.WaitForEndAsync(jobId, timeout ?? JobTimeout, DescribeRecentOutput);

    public string DescribeRecentOutput() =>
        string.Join(
            "\n",
            new[] { PipelineHost, RenderWorker }.Select(p =>
                $"--- last lines of {p.Name} ({(p.IsRunning ? "running" : "not running")}) ---\n{Tail(p.Output, 25)}")
        );

    public async Task DisposeAsync()
    {
        var jobs = await TryListJobsAsync();
        await StopAllAsync();
        var findings = LogScan.FindSecrets(LogDirectory, Secrets.ByName);
        diagnostics.OnMessage(new DiagnosticMessage(Faults.Summary(jobs, findings.Count, Path.GetRelativePath(RepoPaths.Root, LogDirectory))));
        TryDelete(WorkDirectory);
        if (findings.Count > 0)
            throw new InvalidOperationException($"Secrets appear in the stack's logs:\n{string.Join("\n", findings)}");
    }

    /// <summary>Every job the backend knows, or none when it cannot tell (it never started, or it died).</summary>
    private async Task<IReadOnlyList<Job>> TryListJobsAsync()
    {
        if (Backend is null)
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
        // Leasing stops first, the data stores last.
        foreach (var program in new[] { PipelineHost, RenderWorker, DevBackend })
        {
            if (program is not null)
                await program.KillAsync();
        }
        Backend?.Dispose();
        if (ElevenLabs is not null)
            await ElevenLabs.DisposeAsync();
        if (S3 is not null)
            await S3.DisposeAsync();
        if (Azurite is not null)
            await Azurite.DisposeAsync();
    }

    private StackProgram Program(string name, string projectDir, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> settings) =>
        new(name, RepoPaths.BuiltProgram(projectDir, name), arguments, settings, LogPath(name));

    private string LogPath(string name) => Path.Combine(LogDirectory, name + ".log");

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
