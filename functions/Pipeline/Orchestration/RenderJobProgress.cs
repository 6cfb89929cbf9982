using Microsoft.DurableTask;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>Tracks the stage and timings of one <see cref="RenderJob"/> run and publishes them as custom status.</summary>
internal sealed class RenderJobProgress(TaskOrchestrationContext context)
{
    private string _stage = RenderJobStages.Staging;
    private string? _renderer;
    private (int Done, int Total)? _chunks;

    public string Stage => _stage;

    public long TtsMs { get; set; }
    public long RenderMs { get; private set; }
    public long UploadMs { get; set; }

    public JobTimings Timings =>
        new()
        {
            TtsMs = TtsMs,
            SadTalkerMs = RenderMs,
            UploadMs = UploadMs,
        };

    public void Enter(string stage, string? error = null)
    {
        _stage = stage;
        context.SetCustomStatus(
            new RenderJobStatus
            {
                Stage = _stage,
                TtsMs = TtsMs,
                RenderMs = RenderMs,
                UploadMs = UploadMs,
                Renderer = _renderer,
                Error = error,
                ChunksDone = _chunks?.Done,
                ChunksTotal = _chunks?.Total,
            }
        );
    }

    public void Rendered(RenderResult result)
    {
        RenderMs = result.Timings.PrepareMs + result.Timings.RenderMs;
        UploadMs = result.Timings.UploadMs;
        _renderer = result.Renderer?.ToWireName();
        Enter(_stage);
    }

    public void Chunks(int done, int total)
    {
        _chunks = (done, total);
        Enter(_stage);
    }

    /// <summary>A split job: its render time is the wall time from the planning request to the stitched video.</summary>
    public void Stitched(RenderResult stitch, TimeSpan renderWallTime)
    {
        RenderMs = (long)renderWallTime.TotalMilliseconds;
        UploadMs = stitch.Timings.UploadMs;
        _renderer = stitch.Renderer?.ToWireName();
        Enter(_stage);
    }
}
