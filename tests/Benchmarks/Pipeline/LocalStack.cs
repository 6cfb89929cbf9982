using System.Text;
using CliWrap;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>
/// scripts/up.sh as a child process on free loopback ports in a private STACK_DIR: Azurite, s3rver, the dev
/// backend, K render workers and the pipeline host, each a real process. Stopped with SIGINT (up.sh then stops
/// its components), killed as a tree if that takes too long.
/// </summary>
internal sealed class LocalStack : IAsyncDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly StringBuilder _output = new();
    private readonly Task<CommandResult> _run;

    private LocalStack(Command command, string stackDir)
    {
        StackDir = stackDir;
        _run = command
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(_output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_forceful.Token, _graceful.Token)
            .Task;
    }

    public string StackDir { get; }

    public StackInfo Info { get; private set; } = null!;

    public string LogsDir => Path.Combine(StackDir, "logs");

    public static async Task<LocalStack> StartAsync(IReadOnlyDictionary<string, string?> settings, bool skipBuild, CancellationToken cancellationToken)
    {
        var stackDir = Directory.CreateTempSubdirectory("bench-stack-").FullName;
        var environment = new Dictionary<string, string?>(settings)
        {
            ["STACK_DIR"] = stackDir,
            ["AZURITE_BLOB_PORT"] = Port(),
            ["AZURITE_QUEUE_PORT"] = Port(),
            ["AZURITE_TABLE_PORT"] = Port(),
            ["S3_PORT"] = Port(),
            ["DEV_BACKEND_PORT"] = Port(),
            ["SKIP_BUILD"] = skipBuild ? "1" : null,
            // The bench's own stack: nothing from the caller's shell may point it elsewhere.
            ["BACKEND_URL"] = null,
            ["WORKER_TOKEN"] = null,
            ["S3_ENDPOINT"] = null,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["ELEVENLABS_API_KEY"] = null,
            ["SADTALKER_CMD"] = null,
        };
        var command = Cli.Wrap("bash")
            .WithArguments([Path.Combine(RepoPaths.Root, "scripts", "up.sh")])
            .WithWorkingDirectory(RepoPaths.Root)
            .WithEnvironmentVariables(environment);
        var stack = new LocalStack(command, stackDir);
        var ready = Path.Combine(stackDir, "ready");
        try
        {
            await Eventually.TrueAsync(
                () => Task.FromResult(File.Exists(ready) || stack._run.IsCompleted),
                TimeSpan.FromMinutes(5),
                "scripts/up.sh to write its ready file",
                TimeSpan.FromMilliseconds(200)
            );
            if (!File.Exists(ready))
                throw new InvalidOperationException($"scripts/up.sh exited before the stack was up:\n{stack.Output}");
            stack.Info = StackInfo.Parse(ready);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        static string Port() => FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _graceful.CancelAsync();
        _forceful.CancelAfter(TimeSpan.FromSeconds(45));
        try
        {
            await _run;
        }
        catch (OperationCanceledException) { }
        _graceful.Dispose();
        _forceful.Dispose();
    }
}
