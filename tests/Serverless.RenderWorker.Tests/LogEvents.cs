using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Serverless.RenderWorker.Tests;

/// <summary>Counts the worker's log events by name, so a test can wait for one (a renewal) instead of for time.</summary>
public sealed class LogEvents : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int Count(string eventName) => _counts.GetValueOrDefault(eventName);

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    public void Dispose() { }

    private sealed class Counter(LogEvents events) : ILogger
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
            if (eventId.Name is { } name)
                events._counts.AddOrUpdate(name, 1, (_, count) => count + 1);
        }
    }
}
