using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine;

/// <summary>
/// Rejects unusable images before any heavy work, with a clear <c>bad_input</c> error. (Audio is validated by
/// <see cref="AudioPreparer"/>, whose first read of the file is the check.)
/// </summary>
public sealed class InputValidator(IOptions<RenderEngineOptions> options)
{
    private const int HeaderBytes = 64 * 1024;

    /// <summary>Returns the image's format and size, read from its bytes.</summary>
    public async Task<ImageHeader> ValidateImageAsync(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var size = new FileInfo(path).Length;
        if (size > settings.MaxImageBytes)
            throw BadInput($"The image is {size / 1048576.0:0.#} MB; the limit is {settings.MaxImageBytes / 1048576.0:0.#} MB.");

        var head = new byte[HeaderBytes];
        int read;
        await using (var file = File.OpenRead(path))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var data = head.AsSpan(0, read);
        if (ImageFormat.Detect(data) is null)
            throw BadInput($"The image is not a PNG, JPEG or WebP file ({ImageFormat.Describe(data)}).");
        if (ImageHeader.Read(data) is not { Width: > 0, Height: > 0 } image)
            throw BadInput("The image cannot be decoded (its header is damaged).");
        if (image.Width > settings.MaxImageSide || image.Height > settings.MaxImageSide)
            throw BadInput($"The image is {image.Width}×{image.Height} px; at most {settings.MaxImageSide} px a side is allowed.");
        if (image.Width < 16 || image.Height < 16)
            throw BadInput($"The image is {image.Width}×{image.Height} px; it is too small to render.");
        return image;
    }

    public static RenderFailedException BadInput(string message) =>
        new(new RenderError { Code = RenderErrorCode.BadInput, Message = message });
}
