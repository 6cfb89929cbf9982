using Microsoft.DurableTask;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Registers the orchestrations and the activities (<see cref="RenderJobActivities"/>) with a Durable Task worker
/// (the standalone host and the tests). The Azure Functions app binds the same code through its own trigger
/// attributes; tests/Serverless.Infra.Tests checks that the names match.
/// </summary>
public static class RenderJobTasks
{
    public static DurableTaskRegistry AddRenderJobTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<RenderJobInput, RenderJobOutcome>(
            nameof(RenderJob),
            (context, input) => RenderJob.RunAsync(context, input)
        );
        registry.AddOrchestratorFunc<ReportRejectedJobInput, RenderJobOutcome>(
            nameof(ReportRejectedJob),
            (context, input) => ReportRejectedJob.RunAsync(context, input)
        );

        foreach (var activity in RenderJobActivities.All)
            registry.AddActivity(activity.Name, activity.Create);
        return registry;
    }
}
