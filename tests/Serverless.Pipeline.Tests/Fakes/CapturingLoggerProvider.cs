using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Serverless.Pipeline.Tests.Fakes;

/// <summary>Keeps every log entry, with its structured values, for tests that assert what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
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
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            provider.Entries.Enqueue(
                new LogEntry(category, logLevel, eventId, formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value))
            );
        }
    }
}

public sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyDictionary<string, object?> Values
);
