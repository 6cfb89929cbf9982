using System.Runtime.InteropServices;
using System.Text;
using CliWrap;

namespace Serverless.TestFixtures;

/// <summary>
/// A real server process started for the tests; its output is kept for diagnostics (and appended to a log file
/// when one is given) and the whole process tree is killed on dispose.
/// </summary>
public sealed partial class BackgroundServer : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _output = new();
    private readonly StreamWriter? _log;
    private readonly CommandTask<CommandResult> _run;
    private int _disposed;

    private BackgroundServer(Command command, string name, string? logPath)
    {
        Name = name;
        if (logPath is not null)
            _log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _run = command
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Append))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_stop.Token);
    }

    public string Name { get; }

    public int ProcessId => _run.ProcessId;

    public bool HasExited => _run.Task.IsCompleted;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the process and waits until it accepts connections on <paramref name="port"/>.</summary>
    public static Task<BackgroundServer> StartAsync(
        Command command,
        string name,
        int port,
        TimeSpan? startTimeout = null,
        string? logPath = null
    ) => StartAsync(command, name, _ => PortProbe.IsOpenAsync(port), $"to accept connections on port {port}", startTimeout, logPath);

    /// <summary>Starts the process and waits until its output contains <paramref name="readyText"/>.</summary>
    public static Task<BackgroundServer> StartAsync(
        Command command,
        string name,
        string readyText,
        TimeSpan? startTimeout = null,
        string? logPath = null
    ) =>
        StartAsync(
            command,
            name,
            server => Task.FromResult(server.Output.Contains(readyText, StringComparison.Ordinal)),
            $"to print \"{readyText}\"",
            startTimeout,
            logPath
        );

    private static async Task<BackgroundServer> StartAsync(
        Command command,
        string name,
        Func<BackgroundServer, Task<bool>> isReady,
        string what,
        TimeSpan? startTimeout,
        string? logPath
    )
    {
        var server = new BackgroundServer(command, name, logPath);
        try
        {
            // An early exit ends the wait at once rather than at the timeout.
            await Eventually.TrueAsync(
                async () => server.HasExited || await isReady(server),
                startTimeout ?? TimeSpan.FromSeconds(60),
                $"{name} {what}"
            );
            if (server.HasExited)
                throw new InvalidOperationException($"{name} exited while starting. Output:\n{server.Output}");
            return server;
        }
        catch (TimeoutException ex)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start (waited for it {what}). Output:\n{server.Output}", ex);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private void Append(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
            _log?.WriteLine(line);
        }
    }

    /// <summary>
    /// Asks the process to stop as a service manager does (SIGTERM) and waits up to <paramref name="grace"/> for it
    /// to exit by itself, then kills what is left. True when it exited by itself.
    /// </summary>
    /// <remarks>
    /// Not SIGINT (CliWrap's graceful cancellation): a shell without job control starts background commands with
    /// SIGINT ignored, their children inherit that, and the .NET host then never sees it.
    /// </remarks>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (!HasExited && Kill(ProcessId, SigTerm) != 0)
            throw new InvalidOperationException($"Could not send SIGTERM to {Name} (errno {Marshal.GetLastPInvokeError()}).");
        var exitedByItself = await Task.WhenAny(_run.Task, Task.Delay(grace)) == _run.Task;
        await DisposeAsync();
        return exitedByItself;
    }

    /// <summary>Kills the process tree (SIGKILL on Linux) and waits for it to be gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        lock (_output)
            _log?.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
