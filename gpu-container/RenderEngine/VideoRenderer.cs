using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine.Animator;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Fallback;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.SadTalker;

namespace Serverless.RenderEngine;

/// <summary>
/// Validate → prepare audio → SadTalker (when installed and wanted) → else (or when it fails, unless forced) the
/// CPU animator → else (no usable face) the ffmpeg still image → verify → poster. Every outcome meets the same
/// guarantees, and says in its fallback reason why an earlier renderer was not used.
/// </summary>
public sealed class VideoRenderer(
    InputValidator validator,
    AudioPreparer audioPreparer,
    SadTalkerRunner sadTalker,
    SadTalkerRemuxer remuxer,
    StillImageRenderer still,
    AnimatorRenderer animator,
    OutputVerifier verifier,
    PosterExtractor posters,
    IOptions<RenderEngineOptions> options,
    ILogger<VideoRenderer> logger
) : IVideoRenderer
{
    public async Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await RenderOrThrowAsync(input, stop.Token);
        }
        catch
        {
            // A step started alongside the one that failed (the speech's encode) must not run on alone.
            await stop.CancelAsync();
            // The outputs exist only on success: a failure may have stopped an encoder that had begun writing them.
            foreach (var output in new[] { input.VideoPath, input.PosterPath })
            {
                try
                {
                    File.Delete(output);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            }
            throw;
        }
    }

    private async Task<RenderOutcome> RenderOrThrowAsync(RenderInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var workDir = Directory
            .CreateDirectory(Path.Combine(input.ScratchDir ?? Path.GetTempPath(), $"render-{Guid.NewGuid():N}"))
            .FullName;
        try
        {
            var image = await validator.ValidateImageAsync(input.ImagePath, cancellationToken);
            var aspect = (double)image.Width / image.Height;
            var captions = await BurnIn.WriteAsync(input.Captions, aspect, workDir, cancellationToken);

            var choice = input.Renderer == RendererChoice.Auto ? settings.Renderer : input.Renderer;
            var force = choice == RendererChoice.SadTalker || (input.Options.ForceSadTalker ?? settings.ForceSadTalker);
            var trySadTalker = choice is RendererChoice.Auto or RendererChoice.SadTalker && (force || sadTalker.IsInstalled);
            // Split jobs stay SadTalker's: a chunk that falls back gets the still image, as the stitch expects.
            var tryAnimator = choice is RendererChoice.Auto or RendererChoice.Animator && !force && !input.ForStitch;
            var maxSeconds = input.Options.MaxAudioSeconds ?? settings.MaxAudioSeconds;
            var preparing = audioPreparer.PrepareAsync(
                input.AudioPath,
                maxSeconds,
                withWav16k: trySadTalker || tryAnimator,
                workDir,
                cancellationToken
            );

            RenderError? fallbackReason = null;
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
                    fallbackReason = ex.Error;
                    // Where SadTalker's face detector finds no face, ours would find none or a wrong one: the still image.
                    tryAnimator &= ex.Error.Code != RenderErrorCode.NoFace;
                    logger.LogWarning(
                        "SadTalker failed ({Code}: {Reason}); rendering {Next}",
                        ex.Error.Code.ToWireName(),
                        ex.Error.Message,
                        tryAnimator ? "with the animator" : "the ffmpeg fallback"
                    );
                }
            }
            else
            {
                prepareMs = clock.ElapsedMilliseconds;
            }

            if (tryAnimator)
            {
                try
                {
                    var portrait = await animator.PrepareAsync(input.ImagePath, cancellationToken);
                    var audio = await preparing;
                    await animator.RenderAsync(portrait, audio, input.Seed, input.VideoPath, input.PosterPath, cancellationToken, captions);
                    return await VerifiedAsync(
                        input,
                        Renderer.Animator,
                        audio.DurationSec,
                        aspect,
                        prepareMs,
                        clock,
                        fallbackReason,
                        cancellationToken
                    );
                }
                catch (Exception ex) when (AnimatorFallback(ex, choice) is { } reason)
                {
                    // After a SadTalker failure, that first failure stays the reason (it is what an operator acts on).
                    fallbackReason ??= reason;
                    logger.LogWarning(
                        "The animator did not render ({Code}: {Reason}); rendering the ffmpeg fallback",
                        reason.Code.ToWireName(),
                        reason.Message
                    );
                }
            }

            await still.RenderAsync(
                input.ImagePath,
                Demuxer.ForImage(image.Format),
                preparing,
                input.VideoPath,
                input.PosterPath,
                workDir,
                cancellationToken,
                captions
            );
            var duration = (await preparing).DurationSec;
            return await VerifiedAsync(input, Renderer.Ffmpeg, duration, aspect, prepareMs, clock, fallbackReason, cancellationToken);
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

    /// <summary>
    /// Why the still image renders after the animator failed, or null when the failure is the job's: a portrait
    /// without a usable face always gets the still image; any other failure only under automatic choice, and bad
    /// input (the speech) never, since the still image would fail on it too.
    /// </summary>
    private static RenderError? AnimatorFallback(Exception ex, RendererChoice choice) =>
        ex switch
        {
            OperationCanceledException => null,
            RenderFailedException { Error.Code: RenderErrorCode.NoFace } noFace => noFace.Error,
            RenderFailedException { Error.Code: RenderErrorCode.BadInput } => null,
            RenderFailedException failed when choice == RendererChoice.Auto => failed.Error,
            not RenderFailedException when choice == RendererChoice.Auto => new RenderError
            {
                Code = RenderErrorCode.Crash,
                Message = SecretScrubber.Scrub($"The animator failed: {ex.Message}"),
                StderrTail = (ex as Processes.ToolFailedException)?.StderrTail,
            },
            _ => null,
        };

    private async Task<RenderOutcome> VerifiedAsync(
        RenderInput input,
        Renderer renderer,
        double expectedDuration,
        double aspect,
        long prepareMs,
        Stopwatch clock,
        RenderError? fallbackReason,
        CancellationToken cancellationToken
    )
    {
        // SadTalker crops the face, so only the animator and the still image must keep the portrait's aspect.
        var info = await verifier.VerifyAsync(input.VideoPath, expectedDuration, aspect, cancellationToken);
        var outcome = new RenderOutcome
        {
            Renderer = renderer,
            DurationSec = info.DurationSec ?? expectedDuration,
            PrepareMs = prepareMs,
            RenderMs = clock.ElapsedMilliseconds - prepareMs,
            FallbackReason = fallbackReason,
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
