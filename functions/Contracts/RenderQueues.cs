namespace Serverless.Contracts;

/// <summary>Names of the Azure Storage queues between the pipeline and the render worker.</summary>
public static class RenderQueues
{
    public const string Requests = "render-requests";
    public const string Results = "render-results";

    /// <summary>Where the worker parks requests it cannot even parse enough to answer.</summary>
    public const string RequestsPoison = "render-requests-poison";
}
