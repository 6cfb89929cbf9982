using Microsoft.Extensions.Options;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker;

/// <summary>
/// Whether this replica still has time for one more job. A Container Apps job stops its replica
/// RENDER_REPLICA_TIMEOUT_SECONDS after it started, in the middle of whatever it renders; under a steady queue
/// a worker that keeps receiving would be killed mid-render, and each kill costs the request a delivery (and
/// GPU time). So a request is taken only while the time left covers the longest job: SADTALKER_TIMEOUT_SECONDS
/// plus <see cref="Margin"/>. Time counts from the worker's start, so the image pull before it is in the margin too.
/// </summary>
public sealed class ReplicaDeadline
{
    /// <summary>Downloads, audio preparation, the fallback render after a failed SadTalker run, uploads, the exit.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan? _lastStart;

    public ReplicaDeadline(TimeProvider time, IOptions<RenderWorkerOptions> worker, IOptions<RenderEngineOptions> engine)
    {
        _time = time;
        _started = time.GetTimestamp();
        LongestJob = LongestJobFor(engine.Value);
        _lastStart = worker.Value.ReplicaTimeout is { } timeout ? timeout - LongestJob : null;
    }

    public TimeSpan LongestJob { get; }

    /// <summary>True while a job started now ends before the replica is stopped; always true without a replica timeout.</summary>
    public bool HasTimeForAnotherJob => _lastStart is not { } last || _time.GetElapsedTime(_started) <= last;

    public static TimeSpan LongestJobFor(RenderEngineOptions engine) => TimeSpan.FromSeconds(engine.SadTalkerTimeoutSeconds) + Margin;
}
