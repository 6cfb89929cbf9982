using Serverless.RenderEngine.Animator.Face;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>The sample portrait as a grey picture, and affine copies of it (bilinear, grey 128 outside).</summary>
internal static class PortraitImages
{
    private static readonly Lazy<GrayImage> s_portrait = new(() =>
        new GrayImageDecoder(new("ffmpeg", "ffmpeg", TimeSpan.FromMinutes(1)))
            .DecodeAsync(RepoPaths.SamplePortrait, default)
            .GetAwaiter()
            .GetResult()
    );

    public static GrayImage Portrait => s_portrait.Value;

    /// <summary>A <paramref name="width"/>x<paramref name="height"/> picture whose pixel (x, y) shows the source at <paramref name="inverse"/>(x, y).</summary>
    public static GrayImage Warp(GrayImage source, int width, int height, Func<float, float, (float X, float Y)> inverse)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var (sx, sy) = inverse(x, y);
            pixels[y * width + x] = Sample(source, sx, sy);
        }
        return new GrayImage(pixels, width, height);
    }

    public static GrayImage Flat(int width, int height, byte value) =>
        new(Enumerable.Repeat(value, width * height).ToArray(), width, height);

    public static GrayImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height];
        new Random(seed).NextBytes(pixels);
        return new GrayImage(pixels, width, height);
    }

    private static byte Sample(GrayImage image, float x, float y)
    {
        var left = (int)MathF.Floor(x);
        var top = (int)MathF.Floor(y);
        if (left < 0 || top < 0 || left + 1 >= image.Width || top + 1 >= image.Height)
            return 128;
        float fx = x - left,
            fy = y - top;
        var value =
            (1 - fy) * ((1 - fx) * image[left, top] + fx * image[left + 1, top])
            + fy * ((1 - fx) * image[left, top + 1] + fx * image[left + 1, top + 1]);
        return (byte)MathF.Round(value);
    }
}
