namespace Serverless.RenderEngine.Media;

/// <summary>Recognises the image formats we accept by their first bytes, never by file name.</summary>
public static class ImageFormat
{
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "jpeg";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "webp";
        return null;
    }

    public static string Describe(ReadOnlySpan<byte> head) =>
        head.IsEmpty ? "an empty file" : "starts with " + Convert.ToHexString(head[..Math.Min(4, head.Length)]);
}
