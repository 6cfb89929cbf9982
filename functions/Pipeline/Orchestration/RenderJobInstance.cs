namespace Serverless.Pipeline.Orchestration;

public static class RenderJobInstance
{
    /// <summary>Name of the external event that carries the worker's <c>RenderResult</c>.</summary>
    public const string RenderCompletedEvent = "RenderCompleted";

    /// <summary>One instance per job: the id is derived from the (validated) job id, so a job never runs twice.</summary>
    public static string IdFor(string jobId) => $"{Prefix}{jobId}";

    /// <summary>Every job's instance id starts with this (its report delivery does not: it is not a job in flight).</summary>
    public const string Prefix = "render-";

    /// <summary>The job's <see cref="DeliverReport"/> instance, a sub-orchestration of its job instance.</summary>
    public static string ReportIdFor(string jobId) => $"report-{jobId}";
}
