using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Orchestration;

/// <summary>The inputs of a planned job's chunk and stitch requests, made from its render request and plan.</summary>
internal sealed class ChunkRequests(RequestRenderInput render, ChunkPlan plan, Renderer renderer)
{
    private readonly string _planId = plan.Fingerprint();

    public RequestRenderInput Render => render;

    public RequestChunkRenderInput For(int index) =>
        new(
            render.JobId,
            render.InstanceId,
            render.ImageKey,
            _planId,
            index,
            plan.Chunks.Count,
            renderer,
            render.Deadline,
            render.UrlValidFor,
            render.Options
        );

    public RequestStitchInput Stitch() =>
        new(render.JobId, render.InstanceId, render.AudioKey, plan, renderer, render.Deadline, render.UrlValidFor, render.Options);
}
