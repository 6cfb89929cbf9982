namespace Serverless.Pipeline.Speech;

/// <summary>The 4-byte header of an MPEG-1/2/2.5 Layer III audio frame: its length in bytes and the samples it holds.</summary>
internal readonly record struct Mp3FrameHeader(int Length, int Samples, int SampleRate)
{
    private static readonly int[] s_mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] s_mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[][] s_sampleRates =
    [
        [11025, 12000, 8000],
        [],
        [22050, 24000, 16000],
        [44100, 48000, 32000],
    ];

    /// <summary>Reads a Layer III frame header at the start of <paramref name="bytes"/> (at least 4 bytes).</summary>
    public static Mp3FrameHeader? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
            return null;
        var version = (bytes[1] >> 3) & 3; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
        var layer = (bytes[1] >> 1) & 3; // 1: Layer III
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
            return null;
        var mpeg1 = version == 3;
        var bitrate = (mpeg1 ? s_mpeg1Bitrates : s_mpeg2Bitrates)[bitrateIndex] * 1000;
        var sampleRate = s_sampleRates[version][rateIndex];
        var padding = (bytes[2] >> 1) & 1;
        var length = (mpeg1 ? 144 : 72) * bitrate / sampleRate + padding;
        return new Mp3FrameHeader(length, mpeg1 ? 1152 : 576, sampleRate);
    }

    /// <summary>True when the frame is a Xing/Info header (it carries no audio of the stream it starts).</summary>
    public static bool IsInfoFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 4)
            return false;
        var mpeg1 = ((frame[1] >> 3) & 3) == 3;
        var mono = frame[3] >> 6 == 3;
        var offset = 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
        if (frame.Length < offset + 4)
            return false;
        var tag = frame.Slice(offset, 4);
        return tag.SequenceEqual("Xing"u8) || tag.SequenceEqual("Info"u8);
    }
}
