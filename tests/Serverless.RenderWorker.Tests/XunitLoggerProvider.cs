using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

/// <summary>Sends the worker's logs to the test output, so a failing test shows what the worker did.</summary>
public sealed class XunitLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose() { }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            try
            {
                output.WriteLine(
                    $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel, -11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}"
                );
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late log lines have nowhere to go.
            }
        }
    }
}
