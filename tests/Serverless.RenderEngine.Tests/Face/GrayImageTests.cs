using Serverless.RenderEngine.Animator.Face;
using Serverless.RenderEngine.Processes;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests.Face;

public sealed class GrayImageTests
{
    [Fact(Timeout = 30_000)]
    public async Task The_sample_portrait_decodes_to_its_size_in_grey()
    {
        var image = await new GrayImageDecoder(new Tool("ffmpeg", "ffmpeg", TimeSpan.FromMinutes(1))).DecodeAsync(
            RepoPaths.SamplePortrait,
            default
        );

        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.Equal(512 * 512, image.Pixels.Length);
        // Not a flat picture: the portrait has dark and light parts.
        Assert.True(image.Pixels.Max() - image.Pixels.Min() > 200);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_that_is_not_a_picture_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "not a picture");

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                new GrayImageDecoder(new Tool("ffmpeg", "ffmpeg", TimeSpan.FromMinutes(1))).DecodeAsync(path, default)
            );

            Assert.Contains("not a PNG, JPEG or WebP", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rgba_pixels_become_their_luma_and_alpha_is_ignored()
    {
        byte[] rgba = [255, 255, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 128];

        var image = GrayImage.FromRgba(rgba, 2, 2);

        Assert.Equal([255, 0, 77, 149], image.Pixels);
        Assert.Equal(149, image[1, 1]);
    }

    [Fact]
    public void Rgba_pixels_of_the_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GrayImage.FromRgba(new byte[15], 2, 2));
    }
}
