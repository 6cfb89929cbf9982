namespace Serverless.Benchmarks.Pipeline;

/// <summary>The stack's endpoints and the pids whose memory the benchmark samples.</summary>
internal sealed record StackInfo(
    Uri BackendUrl,
    string S3Endpoint,
    string Bucket,
    int PipelineHostPid,
    IReadOnlyList<int> RenderWorkerPids
);
