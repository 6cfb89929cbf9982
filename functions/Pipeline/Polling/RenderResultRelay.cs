using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// Turns a <c>render-results</c> message into the <c>RenderCompleted</c> event of its instance. Results for
/// instances that are gone or already finished (duplicates, late arrivals), and results the orchestration could not
/// use (<see cref="RenderResultCheck"/>), are dropped with a log line.
/// </summary>
public sealed class RenderResultRelay(ILogger<RenderResultRelay> logger)
{
    public async Task RelayAsync(DurableTaskClient durable, string message, CancellationToken cancellationToken)
    {
        RenderResult result;
        try
        {
            result = RenderQueueJson.Deserialize<RenderResult>(message);
        }
        catch (JsonException ex)
        {
            logger.LogError("Dropped an unreadable render result: {Error}", ex.Message);
            return;
        }
        if (RenderResultCheck.Problem(result) is { } problem)
        {
            logger.LogError("Dropped an invalid render result for job {JobId}: {Problem}", result.JobId, problem);
            return;
        }

        var instance = await durable.GetInstanceAsync(result.InstanceId, cancellationToken);
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
        {
            logger.LogInformation(
                "Ignored a render result for job {JobId}: instance {InstanceId} is {Status}",
                result.JobId,
                result.InstanceId,
                instance?.RuntimeStatus.ToString() ?? "unknown"
            );
            return;
        }

        await durable.RaiseEventAsync(result.InstanceId, RenderJobInstance.RenderCompletedEvent, result, cancellationToken);
        if (result.Error is { } error)
            logger.LogInformation("Relayed render result failed of job {JobId} ({ErrorCode})", result.JobId, error.Code.ToWireName());
        else
            logger.LogInformation(
                "Relayed render result {Status} of job {JobId} ({Renderer}, {DurationSec} s)",
                result.Status.ToWireName(),
                result.JobId,
                result.Renderer?.ToWireName(),
                result.DurationSec
            );
    }
}
