namespace Serverless.RenderEngine.Animator.Face;

/// <summary>An 8-bit greyscale picture, row after row, <see cref="Width"/> bytes a row.</summary>
public sealed record GrayImage(byte[] Pixels, int Width, int Height)
{
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>The luma (BT.601, as ffmpeg's <c>gray</c>) of RGBA pixels, 4 bytes a pixel, row after row; alpha is ignored.</summary>
    public static GrayImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        if (rgba.Length != width * height * 4)
            throw new ArgumentException($"{width}x{height} RGBA pixels take {width * height * 4} bytes, not {rgba.Length}.", nameof(rgba));
        var gray = new byte[width * height];
        for (var i = 0; i < gray.Length; i++)
        {
            var pixel = rgba.Slice(4 * i, 3);
            gray[i] = (byte)((77 * pixel[0] + 150 * pixel[1] + 29 * pixel[2] + 128) >> 8);
        }
        return new GrayImage(gray, width, height);
    }
}
