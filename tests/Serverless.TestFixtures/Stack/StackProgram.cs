using CliWrap;

namespace Serverless.TestFixtures;

/// <summary>
/// One .NET program of the stack, run with <c>dotnet</c> as its own process. It can be killed (the whole process
/// tree, SIGKILL) and started again, with environment overrides; every run appends to the same log file.
/// </summary>
public sealed class StackProgram(
    string name,
    string dll,
    IReadOnlyList<string> arguments,
    IReadOnlyDictionary<string, string?> environment,
    string logPath
)
{
    /// <summary>The generic host's line once every hosted service has started.</summary>
    private const string ReadyText = "Application started";

    private static readonly string s_dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private BackgroundServer? _process;
    private bool _customized;

    public string Name => name;

    public string LogPath => logPath;

    /// <summary>The output of the current run (earlier runs are in the log file).</summary>
    public string Output => _process?.Output ?? "";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id of the current run (the <c>dotnet</c> host runs the program in its own process).</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException($"{name} is not running.");

    public async Task StartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        if (_process is not null)
            throw new InvalidOperationException($"{name} is already running.");
        var changed = overrides is { Count: > 0 } ? $" with {string.Join(", ", overrides.Keys)} changed" : "";
        await File.AppendAllTextAsync(logPath, $"--- {name} starting at {DateTime.UtcNow:O}{changed} ---\n");
        var command = Cli.Wrap(s_dotnet)
            .WithArguments([dll, .. arguments])
            .WithEnvironmentVariables(env =>
            {
                env.Set(environment);
                if (overrides is not null)
                    env.Set(overrides);
            });
        _process = await BackgroundServer.StartAsync(command, name, ReadyText, TimeSpan.FromSeconds(90), logPath);
        _customized = overrides is { Count: > 0 };
    }

    /// <summary>Kills the process tree at once, like a crash or an OOM kill: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
            return;
        await _process.DisposeAsync();
        _process = null;
        await File.AppendAllTextAsync(logPath, $"--- {name} killed at {DateTime.UtcNow:O} ---\n");
    }

    /// <summary>
    /// Stops the program as a service manager would (SIGTERM) and gives it
    /// <paramref name="grace"/> to exit by itself before it is killed. True when it exited by itself.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process is null)
            return true;
        var exitedByItself = await _process.StopAsync(grace);
        _process = null;
        await File.AppendAllTextAsync(
            logPath,
            $"--- {name} {(exitedByItself ? "stopped" : "killed after a stop request")} at {DateTime.UtcNow:O} ---\n"
        );
        return exitedByItself;
    }

    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await KillAsync();
        await StartAsync(overrides);
    }

    /// <summary>Restarts with <paramref name="overrides"/>; disposing the result brings the default settings back.</summary>
    public async Task<IAsyncDisposable> WithAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        await RestartAsync(overrides);
        return new Restore(this);
    }

    /// <summary>Makes sure the program runs with its default settings, restarting it only when it must.</summary>
    public async Task RestoreDefaultsAsync()
    {
        if (IsRunning && !_customized)
            return;
        await RestartAsync();
    }

    /// <summary>Waits until the current run's output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal), timeout, $"{name} to log \"{text}\"");

    private sealed class Restore(StackProgram program) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await program.RestoreDefaultsAsync();
    }
}
