using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>
/// The in-process engine's client with scripted faults, as a task hub under throttling or gRPC trouble shows
/// them: a start that fails before reaching the store, a start that times out after the instance was created,
/// lookups that fail.
/// </summary>
internal sealed class FlakyDurableClient(DurableTaskClient inner) : DurableTaskClient("flaky")
{
    private int _lookupFailuresLeft;

    /// <summary>Called before each start is forwarded; return true to fail it without starting anything.</summary>
    public Func<TaskName, int, bool> FailBeforeStart { get; set; } = (_, _) => false;

    /// <summary>Called after each start was forwarded; return true to fail it anyway (the instance exists).</summary>
    public Func<TaskName, int, bool> FailAfterStart { get; set; } = (_, _) => false;

    public int StartCalls;

    public void FailNextLookups(int count) => _lookupFailuresLeft = count;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default
    )
    {
        var call = Interlocked.Increment(ref StartCalls);
        if (FailBeforeStart(orchestratorName, call))
            throw new InvalidOperationException("Status(StatusCode=\"Unavailable\", Detail=\"task hub throttled\")");
        var id = await inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);
        if (FailAfterStart(orchestratorName, call))
            throw new TimeoutException("The start call timed out.");
        return id;
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default
    )
    {
        if (Interlocked.Decrement(ref _lookupFailuresLeft) >= 0)
            throw new InvalidOperationException("Status(StatusCode=\"Unavailable\", Detail=\"lookup failed\")");
        return inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        inner.GetAllInstancesAsync(filter);

    public override Task RaiseEventAsync(
        string instanceId,
        string eventName,
        object? eventPayload = null,
        CancellationToken cancellation = default
    ) => inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default
    ) => inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default
    ) => inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
