using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// Decides whether a job's speech is split and where. Only SadTalker renders are split: its cost grows with the
/// length of the speech, while the still-image fallback costs about the same for any length.
/// </summary>
public sealed class SpeechChunker(AudioPreparer audioPreparer, SilenceDetector silences, IOptions<RenderEngineOptions> options)
{
    /// <summary>Whether a render with these options would run SadTalker (the same choice <see cref="VideoRenderer"/> makes).</summary>
    public bool RendersWithSadTalker(RenderOptions renderOptions) =>
        renderOptions.Renderer switch
        {
            Renderer.Ffmpeg or Renderer.Animator => false,
            Renderer.SadTalker => true,
            _ when options.Value.Renderer is RendererChoice.Ffmpeg or RendererChoice.Animator => false,
            _ when options.Value.Renderer is RendererChoice.SadTalker => true,
            _ => (renderOptions.ForceSadTalker ?? options.Value.ForceSadTalker) || SadTalkerInstalled,
        };

    // SadTalkerRunner.IsInstalled's test, without the runner and what it needs (a worker may run another renderer).
    private bool SadTalkerInstalled =>
        CommandLine.Split(options.Value.SadTalkerCommand) is [var program, ..] && CommandLine.ProgramExists(program);

    /// <summary>Prepares the speech (validated and trimmed like a render's) and plans it when it is longer than the limit.</summary>
    public async Task<SpeechPlan> PlanAsync(
        string audioPath,
        RenderOptions renderOptions,
        double maxChunkSeconds,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var maxSeconds = renderOptions.MaxAudioSeconds ?? options.Value.MaxAudioSeconds;
        var audio = await audioPreparer.PrepareAsync(audioPath, maxSeconds, withWav16k: true, workDir, cancellationToken);
        var wav = Pcm16Wav.Read(audio.Wav16kPath!);
        if (maxChunkSeconds <= 0 || wav.Samples <= maxChunkSeconds * wav.SampleRate)
            return new SpeechPlan(audio, null);

        var pauses = await silences.DetectAsync(audio.Wav16kPath!, wav.SampleRate, wav.Samples, cancellationToken);
        var plan = ChunkPlanner.Plan(wav.Samples, wav.SampleRate, pauses, maxChunkSeconds);
        return new SpeechPlan(audio, plan.Chunks.Count > 1 ? plan : null);
    }
}
