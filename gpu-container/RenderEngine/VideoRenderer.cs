using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Fallback;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.SadTalker;

namespace Serverless.RenderEngine;

/// <summary>
/// Validate → prepare audio → SadTalker (when installed and wanted) → else the ffmpeg still-image fallback
/// (unless SadTalker is forced) → verify → poster. Every outcome meets the same guarantees.
/// </summary>
public sealed class VideoRenderer(
    InputValidator validator,
    AudioPreparer audioPreparer,
    SadTalkerRunner sadTalker,
    SadTalkerRemuxer remuxer,
    StillImageRenderer still,
    OutputVerifier verifier,
    PosterExtractor posters,
    IOptions<RenderEngineOptions> options,
    ILogger<VideoRenderer> logger
) : IVideoRenderer
{
    public async Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var workDir = Directory
            .CreateDirectory(Path.Combine(input.ScratchDir ?? Path.GetTempPath(), $"render-{Guid.NewGuid():N}"))
            .FullName;
        try
        {
            var aspect = await validator.ValidateImageAsync(input.ImagePath, cancellationToken);
            var captions = await BurnIn.WriteAsync(input.Captions, aspect, workDir, cancellationToken);

            var force = input.Renderer == RendererChoice.SadTalker || (input.Options.ForceSadTalker ?? settings.ForceSadTalker);
            var trySadTalker = input.Renderer != RendererChoice.Ffmpeg && (force || sadTalker.IsInstalled);
            var maxSeconds = input.Options.MaxAudioSeconds ?? settings.MaxAudioSeconds;
            var preparing = audioPreparer.PrepareAsync(input.AudioPath, maxSeconds, trySadTalker, workDir, cancellationToken);

            RenderError? sadTalkerFailure = null;
            long prepareMs;
            if (trySadTalker)
            {
                var audio = await preparing;
                prepareMs = clock.ElapsedMilliseconds;
                try
                {
                    var raw = await sadTalker.RunAsync(
                        input.ImagePath,
                        audio.Wav16kPath!,
                        Path.Combine(workDir, "sadtalker"),
                        input.Options.SadTalkerArgs,
                        cancellationToken
                    );
                    await remuxer.RemuxAsync(raw, audio, input.VideoPath, input.ForStitch, cancellationToken, captions);
                    // A chunk's poster is never used: the stitch makes the job's.
                    var poster = input.ForStitch
                        ? Task.CompletedTask
                        : posters.ExtractAsync(input.VideoPath, input.PosterPath, cancellationToken);
                    var outcome = await VerifiedAsync(
                        input,
                        Renderer.SadTalker,
                        audio.DurationSec,
                        aspect: 0,
                        prepareMs,
                        clock,
                        null,
                        cancellationToken
                    );
                    await poster;
                    return outcome;
                }
                catch (RenderFailedException ex) when (!force)
                {
                    sadTalkerFailure = ex.Error;
                    logger.LogWarning(
                        "SadTalker failed ({Code}: {Reason}); rendering the ffmpeg fallback",
                        ex.Error.Code.ToWireName(),
                        ex.Error.Message
                    );
                }
            }
            else
            {
                prepareMs = clock.ElapsedMilliseconds;
            }

            await still.RenderAsync(input.ImagePath, preparing, input.VideoPath, input.PosterPath, workDir, cancellationToken, captions);
            var duration = (await preparing).DurationSec;
            return await VerifiedAsync(input, Renderer.Ffmpeg, duration, aspect, prepareMs, clock, sadTalkerFailure, cancellationToken);
        }
        catch (Exception ex) when (ex is not RenderFailedException and not OperationCanceledException)
        {
            var tail = ex is Processes.ToolFailedException tool ? tool.StderrTail : null;
            throw new RenderFailedException(
                new RenderError
                {
                    Code = RenderErrorCode.Crash,
                    Message = SecretScrubber.Scrub(ex.Message),
                    StderrTail = tail,
                },
                ex
            );
        }
        finally
        {
            try
            {
                Directory.Delete(workDir, recursive: true);
            }
            catch (IOException) { }
        }
    }

    private async Task<RenderOutcome> VerifiedAsync(
        RenderInput input,
        Renderer renderer,
        double expectedDuration,
        double aspect,
        long prepareMs,
        Stopwatch clock,
        RenderError? sadTalkerFailure,
        CancellationToken cancellationToken
    )
    {
        // SadTalker crops the face, so only the fallback must keep the portrait's aspect.
        var info = await verifier.VerifyAsync(input.VideoPath, expectedDuration, aspect, cancellationToken);
        var outcome = new RenderOutcome
        {
            Renderer = renderer,
            DurationSec = info.DurationSec ?? expectedDuration,
            PrepareMs = prepareMs,
            RenderMs = clock.ElapsedMilliseconds - prepareMs,
            SadTalkerFailure = sadTalkerFailure,
        };
        logger.LogInformation(
            "Rendered {DurationSec:0.00} s with {Renderer} in {ElapsedMs} ms",
            outcome.DurationSec,
            renderer.ToWireName(),
            clock.ElapsedMilliseconds
        );
        return outcome;
    }
}
