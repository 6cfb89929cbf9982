namespace Serverless.RenderEngine.Animator.Face;

/// <summary>An 8-bit greyscale picture, row after row, <see cref="Width"/> bytes a row.</summary>
public sealed record GrayImage(byte[] Pixels, int Width, int Height)
{
    public byte this[int x, int y] => Pixels[y * Width + x];
}
