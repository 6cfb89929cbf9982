using Microsoft.Azure.Functions.Worker;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Chunking;

namespace Serverless.Functions.Triggers;

/// <summary>Binds each host-agnostic activity to Durable Functions: one line each.</summary>
public sealed class Activities(
    StageInputs stageInputs,
    SynthesizeSpeech synthesizeSpeech,
    MakeCaptions makeCaptions,
    RequestRender requestRender,
    RequestPlannedRender requestPlannedRender,
    SplitSpeech splitSpeech,
    RequestChunkRender requestChunkRender,
    RequestStitch requestStitch,
    UploadVideo uploadVideo,
    ReportResult reportResult,
    CleanUpStaging cleanUpStaging
)
{
    [Function(nameof(StageInputs))]
    public Task<StagedInputs> RunStageInputs([ActivityTrigger] StageInputsInput input, CancellationToken ct) =>
        stageInputs.RunAsync(input, ct);

    [Function(nameof(SynthesizeSpeech))]
    public Task<SynthesizedSpeech> RunSynthesizeSpeech([ActivityTrigger] SynthesizeSpeechInput input, CancellationToken ct) =>
        synthesizeSpeech.RunAsync(input, ct);

    [Function(nameof(MakeCaptions))]
    public Task<MadeCaptions> RunMakeCaptions([ActivityTrigger] MakeCaptionsInput input, CancellationToken ct) =>
        makeCaptions.RunAsync(input, ct);

    [Function(nameof(RequestRender))]
    public Task RunRequestRender([ActivityTrigger] RequestRenderInput input, CancellationToken ct) => requestRender.RunAsync(input, ct);

    [Function(nameof(RequestPlannedRender))]
    public Task RunRequestPlannedRender([ActivityTrigger] RequestPlannedRenderInput input, CancellationToken ct) =>
        requestPlannedRender.RunAsync(input, ct);

    [Function(nameof(SplitSpeech))]
    public Task<SplitSpeechOutput> RunSplitSpeech([ActivityTrigger] SplitSpeechInput input, CancellationToken ct) =>
        splitSpeech.RunAsync(input, ct);

    [Function(nameof(RequestChunkRender))]
    public Task RunRequestChunkRender([ActivityTrigger] RequestChunkRenderInput input, CancellationToken ct) =>
        requestChunkRender.RunAsync(input, ct);

    [Function(nameof(RequestStitch))]
    public Task RunRequestStitch([ActivityTrigger] RequestStitchInput input, CancellationToken ct) => requestStitch.RunAsync(input, ct);

    [Function(nameof(UploadVideo))]
    public Task<PublishedVideo> RunUploadVideo([ActivityTrigger] UploadVideoInput input, CancellationToken ct) =>
        uploadVideo.RunAsync(input, ct);

    [Function(nameof(ReportResult))]
    public Task RunReportResult([ActivityTrigger] ReportResultInput input, CancellationToken ct) => reportResult.RunAsync(input, ct);

    [Function(nameof(CleanUpStaging))]
    public Task RunCleanUpStaging([ActivityTrigger] CleanUpStagingInput input, CancellationToken ct) => cleanUpStaging.RunAsync(input, ct);
}
