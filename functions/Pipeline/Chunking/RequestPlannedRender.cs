using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Queues;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Chunking;

public sealed record RequestPlannedRenderInput(RequestRenderInput Render, double ChunkSeconds);

/// <summary>
/// Activity: the job's render request (as <see cref="RequestRender"/> sends it) with a chunk limit. The worker
/// renders short speech at once, exactly like a plain request; long speech comes back
/// <see cref="RenderStatus.Planned"/>, its prepared WAV uploaded to <see cref="ChunkKeys.Speech"/>.
/// </summary>
public sealed class RequestPlannedRender(IObjectStore store, IRenderRequestQueue queue, ILogger<RequestPlannedRender> logger)
{
    public async Task RunAsync(RequestPlannedRenderInput input, CancellationToken cancellationToken)
    {
        var (render, ttl) = (input.Render, input.Render.UrlValidFor);
        var request = RequestRender.RequestFor(store, render) with
        {
            Chunking =
                input.ChunkSeconds > 0
                    ? new ChunkingRequest
                    {
                        MaxChunkSeconds = input.ChunkSeconds,
                        SpeechUploadUrl = store.PresignPut(ChunkKeys.Speech(render.JobId), RenderMediaTypes.Speech, ttl),
                    }
                    : null,
        };
        await queue.SendAsync(request, cancellationToken);
        logger.LogInformation(
            "Requested render of job {JobId}, split above {ChunkSeconds} s (deadline {Deadline:o})",
            render.JobId,
            input.ChunkSeconds,
            render.Deadline
        );
    }
}
