using System.Text;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests;

public sealed class BadInputTests
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory(Timeout = 60_000)]
    [InlineData("text-named-png", "not a PNG, JPEG or WebP")]
    [InlineData("pdf", "not a PNG, JPEG or WebP file (starts with 25504446)")]
    [InlineData("corrupt-png", "cannot be decoded")]
    [InlineData("huge-side", "at most 4096 px a side")]
    [InlineData("oversized", "the limit is")]
    public async Task An_unusable_image_is_rejected_as_bad_input_before_rendering(string kind, string expected)
    {
        using var engine = new EngineHarness(kind == "oversized" ? new Dictionary<string, string?> { ["MAX_IMAGE_BYTES"] = "1000" } : null);
        var image = kind switch
        {
            "text-named-png" => engine.File("face.png", Encoding.UTF8.GetBytes("hello, I am not an image")),
            "pdf" => engine.File("face.png", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj")),
            "corrupt-png" => engine.File("face.png", [.. PngHeader, .. Enumerable.Repeat((byte)7, 200)]),
            "huge-side" => await engine.ImageAsync(5000, 10, "wide.png"),
            _ => Serverless.TestFixtures.RepoPaths.SamplePortrait,
        };
        var audio = await engine.ToneAsync(1);

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio, image), default));

        Assert.Equal(RenderErrorCode.BadInput, error.Error.Code);
        Assert.Contains(expected, error.Error.Message);
        Assert.False(File.Exists(engine.Input(audio).VideoPath));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("empty", "The audio file is empty.")]
    [InlineData("text", "not a WAV, MP3, AAC, M4A, Ogg, FLAC or WebM file")]
    [InlineData("silent-zero-length", "cannot be decoded")]
    [InlineData("too-long", "the limit is 2 s")]
    public async Task Unusable_audio_is_rejected_as_bad_input(string kind, string expected)
    {
        using var engine = new EngineHarness(new Dictionary<string, string?> { ["MAX_INPUT_AUDIO_SECONDS"] = "2" });
        var audio = kind switch
        {
            "empty" => engine.File("a.wav", []),
            "text" => engine.File("a.mp3", Encoding.UTF8.GetBytes("this is a transcript, not audio")),
            "silent-zero-length" => engine.File("a.wav", Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVE")),
            _ => await engine.ToneAsync(3),
        };

        var error = await Assert.ThrowsAsync<RenderFailedException>(() => engine.Renderer.RenderAsync(engine.Input(audio), default));

        Assert.Equal(RenderErrorCode.BadInput, error.Error.Code);
        Assert.Contains(expected, error.Error.Message);
    }
}
