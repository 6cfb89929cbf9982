namespace Serverless.Pipeline.Orchestration;

public static class RenderJobInstance
{
    /// <summary>Name of the external event that carries the worker's <c>RenderResult</c>.</summary>
    public const string RenderCompletedEvent = "RenderCompleted";

    /// <summary>One instance per job: the id is derived from the (validated) job id, so a job never runs twice.</summary>
    public static string IdFor(string jobId) => $"{Prefix}{jobId}";

    /// <summary>Every job's instance id starts with this.</summary>
    public const string Prefix = "render-";
}
