namespace Serverless.RenderEngine.Fallback;

/// <summary>Frame boundaries in a raw H.264 stream (Annex B) written with access unit delimiters (x264 <c>aud=1</c>).</summary>
public static class H264AccessUnits
{
    private const int AccessUnitDelimiter = 9;

    /// <summary>The offset where each frame starts: at each delimiter's start code (3 or 4 bytes).</summary>
    public static IReadOnlyList<int> Starts(ReadOnlySpan<byte> stream)
    {
        var starts = new List<int>();
        // Emulation prevention guarantees 00 00 01 never occurs inside a NAL unit.
        for (var i = 0; i + 3 < stream.Length; i++)
        {
            if (stream[i] != 0 || stream[i + 1] != 0 || stream[i + 2] != 1 || (stream[i + 3] & 0x1F) != AccessUnitDelimiter)
                continue;
            starts.Add(i > 0 && stream[i - 1] == 0 ? i - 1 : i);
            i += 3;
        }
        return starts;
    }
}
