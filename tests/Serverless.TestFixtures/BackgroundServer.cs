using System.Text;
using CliWrap;

namespace Serverless.TestFixtures;

/// <summary>
/// A real server process started for the tests; its output is kept for diagnostics and
/// the whole process tree is killed on dispose.
/// </summary>
public sealed class BackgroundServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _output = new();
    private readonly Task<CommandResult> _run;

    private BackgroundServer(Command command, string name)
    {
        Name = name;
        _run = command
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Append))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_stop.Token)
            .Task;
    }

    public string Name { get; }

    public bool HasExited => _run.IsCompleted;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<BackgroundServer> StartAsync(Command command, string name, int port, TimeSpan? startTimeout = null)
    {
        var server = new BackgroundServer(command, name);
        try
        {
            await Eventually.PortOpenAsync(port, startTimeout ?? TimeSpan.FromSeconds(60));
            return server;
        }
        catch (TimeoutException ex)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start on port {port}. Output:\n{server.Output}", ex);
        }
    }

    private void Append(string line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
