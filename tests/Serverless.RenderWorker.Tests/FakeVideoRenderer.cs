using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Tests;

/// <summary>
/// A test double for queue-behaviour tests: records calls and overlap, optionally holds each render until the
/// gate opens or for a fixed time, throws scripted errors, and writes small MP4/JPEG-looking outputs.
/// </summary>
public sealed class FakeVideoRenderer : IVideoRenderer
{
    private readonly ConcurrentQueue<RenderError> _failures = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _calls;
    private int _maxConcurrent;
    private int _cancelled;

    /// <summary>Holds every render until <see cref="Open"/> is called.</summary>
    public bool Gated { get; init; }

    /// <summary>Holds every render this long.</summary>
    public TimeSpan Delay { get; init; }

    public int Calls => _calls;
    public int Current => _current;
    public int MaxConcurrent => _maxConcurrent;

    /// <summary>Renders that ended because their token was cancelled.</summary>
    public int Cancelled => _cancelled;

    /// <summary>Makes the next render throw <see cref="RenderFailedException"/> with this error.</summary>
    public FakeVideoRenderer ThenFail(RenderErrorCode code)
    {
        _failures.Enqueue(new RenderError { Code = code, Message = $"scripted {code}" });
        return this;
    }

    public void Open() => _gate.TrySetResult();

    public async Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _current);
        InterlockedMax(ref _maxConcurrent, now);
        try
        {
            if (_failures.TryDequeue(out var failure))
                throw new RenderFailedException(failure);
            if (Gated)
                await _gate.Task.WaitAsync(cancellationToken);
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, cancellationToken);
            Assert.True(File.Exists(input.ImagePath) && File.Exists(input.AudioPath), "the inputs were downloaded first");
            await File.WriteAllBytesAsync(input.VideoPath, [0, 0, 0, 24, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8], cancellationToken);
            await File.WriteAllBytesAsync(input.PosterPath, [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xD9], cancellationToken);
            return new RenderOutcome
            {
                Renderer = Renderer.Ffmpeg,
                DurationSec = 1.5,
                PrepareMs = 1,
                RenderMs = 2,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
