namespace Serverless.RenderEngine.Media;

/// <summary>
/// Recognises the audio formats users may supply (those the pipeline stages: WAV, MP3, AAC, M4A/MP4, Ogg, FLAC, WebM)
/// by their first bytes, never by file name, and names the demuxer ffmpeg must read them with.
/// </summary>
public static class AudioFormat
{
    /// <summary>Enough of the file to see past a usual ID3v2 tag to the first frame.</summary>
    public const int HeadLength = 64 * 1024;

    /// <summary>The <see cref="Demuxer"/> for these first bytes; null when they are none of the accepted formats.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (
            head.Length >= 12
            && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8))
            && head[8..12].SequenceEqual("WAVE"u8)
        )
            return Demuxer.Wav;
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
            return Demuxer.Mp4;
        if (head.StartsWith("OggS"u8))
            return Demuxer.Ogg;
        if (head.StartsWith("fLaC"u8))
            return Demuxer.Flac;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return Demuxer.Matroska;
        if (IsAdts(head))
            return Demuxer.Adts;
        if (IsMpegAudio(head))
            return Demuxer.Mp3;
        if (Id3v2Length(head) is { } tag)
            // What follows the tag decides; a tag longer than the head is taken for MP3's, the usual case.
            return head.Length > tag && IsAdts(head[tag..]) ? Demuxer.Adts : Demuxer.Mp3;
        return null;
    }

    public static string Describe(ReadOnlySpan<byte> head) => ImageFormat.Describe(head);

    /// <summary>An ADTS frame header: a 12-bit sync and layer 0.</summary>
    private static bool IsAdts(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0;

    /// <summary>An MPEG audio frame header: an 11-bit sync, a known version and layer.</summary>
    private static bool IsMpegAudio(ReadOnlySpan<byte> head) =>
        head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0;

    /// <summary>The whole length of a leading ID3v2 tag (its header, body and footer); null when there is none.</summary>
    private static int? Id3v2Length(ReadOnlySpan<byte> head)
    {
        if (head.Length < 10 || !head.StartsWith("ID3"u8) || head[3] == 0xFF || head[4] == 0xFF)
            return null;
        var size = 0;
        for (var i = 6; i < 10; i++)
        {
            if ((head[i] & 0x80) != 0)
                return null;
            size = size << 7 | head[i];
        }
        var footer = (head[5] & 0x10) != 0 ? 10 : 0;
        return 10 + size + footer;
    }
}
