using System.Diagnostics;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Media.Mp4;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// Joins the chunk videos of a planned job under the original speech. The audio is the same AAC a normal render
/// of the whole speech has, so it is continuous and sample-exact. Chunks rendered for stitching have their bodies
/// copied and only the cross-fades encoded (<see cref="CopyingStitch"/>); any others are joined by encoding the
/// whole video again. The result meets every guarantee of a render (<see cref="OutputVerifier"/>) and gets a poster.
/// </summary>
public sealed class ChunkStitcher(
    Tool ffmpeg,
    CopyingStitch copying,
    AudioPreparer audioPreparer,
    OutputVerifier verifier,
    PosterExtractor posters
)
{
    /// <param name="maxAudioSeconds">Trim the speech as the planning did (0 = whole).</param>
    public async Task<StitchOutcome> StitchAsync(
        StitchInput input,
        string workDir,
        double maxAudioSeconds,
        CancellationToken cancellationToken
    )
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await RunAsync(input, workDir, maxAudioSeconds, stop.Token);
        }
        catch (Exception ex)
        {
            // A failed stitch stops what it started alongside (the speech's encode).
            await stop.CancelAsync();
            if (ex is RenderFailedException or OperationCanceledException)
                throw;
            var tail = ex is ToolFailedException tool ? tool.StderrTail : null;
            throw new RenderFailedException(
                new RenderError
                {
                    Code = RenderErrorCode.Crash,
                    Message = SecretScrubber.Scrub($"The stitch failed: {ex.Message}"),
                    StderrTail = tail,
                },
                ex
            );
        }
    }

    private async Task<StitchOutcome> RunAsync(
        StitchInput input,
        string workDir,
        double maxAudioSeconds,
        CancellationToken cancellationToken
    )
    {
        var plan = input.Plan;
        if (plan.Problem() is { } problem)
            throw InputValidator.BadInput($"The chunk plan is not usable: {problem}.");
        if (input.ChunkVideoPaths.Count != plan.Chunks.Count)
            throw InputValidator.BadInput(
                $"The plan has {plan.Chunks.Count} chunks but {input.ChunkVideoPaths.Count} chunk videos were given."
            );

        var clock = Stopwatch.StartNew();
        var preparing = audioPreparer.PrepareAsync(input.AudioPath, maxAudioSeconds, withWav16k: false, workDir, cancellationToken);
        var (width, height) = await CheckChunksAsync(input, cancellationToken);
        var speech = CheckedAsync(preparing, plan);
        var prepareMs = clock.ElapsedMilliseconds;

        // The copy runs while the speech is still being prepared; it waits for it only to join the pieces.
        string? notCopied;
        try
        {
            notCopied = StitchLayout.Of(plan) is { } spans
                ? await copying.TryRunAsync(input, spans, speech, workDir, cancellationToken)
                : "a chunk has no frames of its own between its cross-fades";
        }
        catch (ToolFailedException ex)
        {
            notCopied = $"ffmpeg failed: {ex.Message}"; // What could not be copied, encoding it all again may still join.
        }
        var audio = await speech;
        if (notCopied is not null)
            await EncodeAllAsync(input, audio, width, height, cancellationToken);
        var poster = posters.ExtractAsync(input.VideoPath, input.PosterPath, cancellationToken);
        var info = await verifier.VerifyAsync(input.VideoPath, audio.DurationSec, sourceAspect: 0, cancellationToken);
        await poster;
        return new StitchOutcome(info.DurationSec ?? audio.DurationSec, prepareMs, clock.ElapsedMilliseconds - prepareMs, notCopied);
    }

    /// <summary>The prepared speech, refused when it is not the length the plan was made for.</summary>
    private static async Task<PreparedAudio> CheckedAsync(Task<PreparedAudio> preparing, ChunkPlan plan)
    {
        var audio = await preparing;
        if (Math.Abs(audio.DurationSec - plan.DurationSec) > OutputVerifier.DurationTolerance)
            throw InputValidator.BadInput(
                $"The speech is {audio.DurationSec:0.000} s long but the plan was made for {plan.DurationSec:0.000} s."
            );
        return audio;
    }

    /// <summary>Joins any chunk videos by decoding and encoding all of them (<see cref="StitchGraph"/>); only the video is encoded.</summary>
    private Task EncodeAllAsync(StitchInput input, PreparedAudio audio, int width, int height, CancellationToken cancellationToken) =>
        ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                .. input.ChunkVideoPaths.SelectMany(path => MediaInput.Of(path, Demuxer.Mp4)),
                .. MediaInput.Of(audio.AacPath, Demuxer.Mp4),
                "-filter_complex",
                StitchGraph.Build(input.Plan, width, height),
                "-map",
                "[v]",
                "-map",
                $"{input.Plan.Chunks.Count}:a:0",
                // xfade blends in yuv444p: back to the output format (part of the encoding's arguments).
                .. VideoFormat.H264Encoding,
                .. VideoFormat.Output(audio.DurationSec, input.VideoPath),
            ],
            cancellationToken
        );

    /// <summary>Every chunk is a playable video about as long as its audio; returns the picture size they are joined at.</summary>
    private static async Task<(int Width, int Height)> CheckChunksAsync(StitchInput input, CancellationToken cancellationToken)
    {
        (int, int)? size = null;
        var frame = ChunkTiming.FrameSamples(input.Plan.SampleRate);
        for (var i = 0; i < input.ChunkVideoPaths.Count; i++)
        {
            var inspection = await Mp4Inspector.TryInspectAsync(input.ChunkVideoPaths[i], cancellationToken);
            if (inspection?.Info is not { Video: { Width: > 0, Height: > 0 } video } info)
                throw InputValidator.BadInput($"Chunk video {i} is not a playable video.");
            var expected = StitchGraph.Frames(input.Plan.Chunks[i], frame) / (double)VideoFormat.FramesPerSecond;
            var actual = video.DurationSec ?? info.DurationSec ?? 0;
            if (Math.Abs(actual - expected) > OutputVerifier.DurationTolerance + 1.0 / VideoFormat.FramesPerSecond)
                throw InputValidator.BadInput($"Chunk video {i} is {actual:0.000} s long; its audio is {expected:0.000} s.");
            size ??= (video.Width, video.Height);
        }
        return size!.Value;
    }
}
