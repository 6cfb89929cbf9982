using Serverless.RenderEngine.Animator;
using SkiaSharp;

namespace Serverless.RenderEngine.Tests.Animator;

public sealed class Yuv420ConverterTests
{
    [Theory]
    [InlineData(SKColorType.Bgra8888, 70, 6)]
    [InlineData(SKColorType.Rgba8888, 64, 4)]
    [InlineData(SKColorType.Bgra8888, 2, 2)]
    public void The_vectorized_conversion_gives_the_BT601_limited_range_values_of_every_pixel(SKColorType colorType, int width, int height)
    {
        var pixels = new byte[width * height * 4];
        new Random(5).NextBytes(pixels);
        var converter = new Yuv420Converter(width, height, colorType);
        var yuv = new byte[converter.FrameBytes];

        converter.Convert(pixels, yuv);

        var (ri, bi) = colorType == SKColorType.Bgra8888 ? (2, 0) : (0, 2);
        int R(int x, int y) => pixels[(y * width + x) * 4 + ri];
        int G(int x, int y) => pixels[(y * width + x) * 4 + 1];
        int B(int x, int y) => pixels[(y * width + x) * 4 + bi];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            Assert.Equal(((66 * R(x, y) + 129 * G(x, y) + 25 * B(x, y) + 128) >> 8) + 16, yuv[y * width + x]);
        var plane = width * height / 4;
        for (var y = 0; y < height / 2; y++)
        for (var x = 0; x < width / 2; x++)
        {
            int Sum(Func<int, int, int> channel) =>
                channel(2 * x, 2 * y) + channel(2 * x + 1, 2 * y) + channel(2 * x, 2 * y + 1) + channel(2 * x + 1, 2 * y + 1);
            int r = Sum(R),
                g = Sum(G),
                b = Sum(B);
            Assert.Equal(((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128, yuv[width * height + y * (width / 2) + x]);
            Assert.Equal(((112 * r - 94 * g - 18 * b + 512) >> 10) + 128, yuv[width * height + plane + y * (width / 2) + x]);
        }
    }
}
