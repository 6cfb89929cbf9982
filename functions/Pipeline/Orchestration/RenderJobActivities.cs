using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// The orchestration's activities, each listed once: <see cref="PipelineServiceCollectionExtensions.AddRenderPipeline"/>
/// registers their classes and <see cref="RenderJobTasks.AddRenderJobTasks"/> gives them to the Durable Task worker.
/// The Functions app binds the same activities with its own triggers (Triggers/Activities.cs, as the Functions SDK
/// needs them written out); tests/Serverless.Infra.Tests checks that its function names are these.
/// </summary>
public static class RenderJobActivities
{
    public static IReadOnlyList<RenderJobActivity> All { get; } =
    [
        RenderJobActivity.Of<StageInputs, StageInputsInput, StagedInputs>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<SynthesizeSpeech, SynthesizeSpeechInput, SynthesizedSpeech>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<MakeCaptions, MakeCaptionsInput, MadeCaptions>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<RequestRender, RequestRenderInput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<RequestPlannedRender, RequestPlannedRenderInput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<SplitSpeech, SplitSpeechInput, SplitSpeechOutput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<RequestChunkRender, RequestChunkRenderInput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<RequestStitch, RequestStitchInput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<UploadVideo, UploadVideoInput, PublishedVideo>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<ReportResult, ReportResultInput>((a, i, ct) => a.RunAsync(i, ct)),
        RenderJobActivity.Of<CleanUpStaging, CleanUpStagingInput>((a, i, ct) => a.RunAsync(i, ct)),
    ];
}
