namespace Serverless.Pipeline.Speech;

/// <summary>Recognises the start of an MP3 stream: an ID3v2 tag or an MPEG audio frame sync (0xFFEx).</summary>
public static class AudioSniffer
{
    public const int HeadLength = 3;

    public static bool LooksLikeMp3(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == (byte)'I' && head[1] == (byte)'D' && head[2] == (byte)'3'
        || head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0;
}
