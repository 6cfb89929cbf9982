using Serverless.RenderEngine.Animator.Face;
using SkiaSharp;

namespace Serverless.RenderEngine.Animator;

/// <summary>The portrait's pixels at the video's size, opaque, in Skia's native 32-bit order.</summary>
public sealed record DecodedPortrait(byte[] Pixels, int Width, int Height, SKColorType ColorType)
{
    public SKImageInfo Info => new(Width, Height, ColorType, SKAlphaType.Opaque);

    /// <summary>The luma (BT.601) the face finder works on.</summary>
    public GrayImage ToGray()
    {
        var gray = new byte[Width * Height];
        var (r, b) = ColorType == SKColorType.Bgra8888 ? (2, 0) : (0, 2);
        for (int i = 0, o = 0; o < gray.Length; i += 4, o++)
            gray[o] = (byte)((Pixels[i + r] * 77 + Pixels[i + 1] * 150 + Pixels[i + b] * 29 + 128) >> 8);
        return new GrayImage(gray, Width, Height);
    }
}
