using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine;

/// <summary>Rejects unusable inputs before any heavy work, with a clear <c>bad_input</c> error.</summary>
public sealed class InputValidator(MediaProbe probe, IOptions<RenderEngineOptions> options)
{
    private const double MinAudioSeconds = 0.1;

    public async Task ValidateImageAsync(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var size = new FileInfo(path).Length;
        if (size > settings.MaxImageBytes)
            throw BadInput($"The image is {size / 1048576.0:0.#} MB; the limit is {settings.MaxImageBytes / 1048576.0:0.#} MB.");

        var head = new byte[16];
        int read;
        await using (var file = File.OpenRead(path))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (ImageFormat.Detect(head.AsSpan(0, read)) is null)
            throw BadInput($"The image is not a PNG, JPEG or WebP file ({ImageFormat.Describe(head.AsSpan(0, read))}).");

        var info = await probe.TryProbeAsync(path, cancellationToken);
        if (info?.Video is not { Width: > 0, Height: > 0 } image)
            throw BadInput("The image cannot be decoded.");
        if (image.Width > settings.MaxImageSide || image.Height > settings.MaxImageSide)
            throw BadInput($"The image is {image.Width}×{image.Height} px; at most {settings.MaxImageSide} px a side is allowed.");
        if (image.Width < 16 || image.Height < 16)
            throw BadInput($"The image is {image.Width}×{image.Height} px; it is too small to render.");
    }

    /// <summary>Width over height of a (validated) image.</summary>
    public async Task<double> ImageAspectAsync(string path, CancellationToken cancellationToken) =>
        await probe.TryProbeAsync(path, cancellationToken) is { Video: { Width: > 0, Height: > 0 } image }
            ? (double)image.Width / image.Height
            : 0;

    /// <summary>Returns the audio's duration in seconds.</summary>
    public async Task<double> ValidateAudioAsync(string path, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length == 0)
            throw BadInput("The audio file is empty.");
        var info = await probe.TryProbeAsync(path, cancellationToken);
        if (info?.Audio is null)
            throw BadInput("The audio cannot be decoded (no audio stream found).");
        var duration = info.Audio.DurationSec ?? info.DurationSec ?? 0;
        if (duration < MinAudioSeconds)
            throw BadInput($"The audio is empty ({duration:0.###} s).");
        var limit = options.Value.MaxInputAudioSeconds;
        if (duration > limit)
            throw BadInput($"The audio is {duration:0.#} s long; the limit is {limit:0.#} s.");
        return duration;
    }

    private static RenderFailedException BadInput(string message) =>
        new(new RenderError { Code = RenderErrorCode.BadInput, Message = message });
}
