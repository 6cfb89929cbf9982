using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Functions.Triggers;

/// <summary>Binds the host-agnostic orchestrators to Durable Functions.</summary>
public static class Orchestrations
{
    [Function(nameof(RenderJob))]
    public static Task<RenderJobOutcome> RunRenderJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RenderJob.RunAsync(context, context.GetInput<RenderJobInput>()!);

    [Function(nameof(ReportRejectedJob))]
    public static Task<RenderJobOutcome> RunReportRejectedJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ReportRejectedJob.RunAsync(context, context.GetInput<ReportRejectedJobInput>()!);
}
