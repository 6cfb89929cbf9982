namespace Serverless.Pipeline.Speech;

/// <summary>
/// Measures the duration of MP3 audio as it is written through: counts the samples of every Layer III frame
/// (skipping an ID3v2 tag, and the Xing/Info frame that opens the stream, which decoders do not play). Only the
/// unfinished frame at the end of a write is held (a few KB).
/// </summary>
internal sealed class Mp3DurationCounter
{
    private byte[] _pending = [];
    private long _skip;
    private bool _started;

    public long Samples { get; private set; }
    public int SampleRate { get; private set; }

    public double Seconds => SampleRate == 0 ? 0 : Samples / (double)SampleRate;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (_skip > 0)
        {
            var skipped = (int)Math.Min(_skip, bytes.Length);
            _skip -= skipped;
            bytes = bytes[skipped..];
        }
        var data = _pending.Length == 0 ? bytes.ToArray() : [.. _pending, .. bytes];
        var at = 0;
        while (data.Length - at >= 10)
        {
            var rest = data.AsSpan(at);
            if (!_started && rest[..3].SequenceEqual("ID3"u8))
            {
                var size = 10L + (rest[6] << 21 | rest[7] << 14 | rest[8] << 7 | rest[9]);
                var skipped = (int)Math.Min(size, rest.Length);
                _skip = size - skipped;
                at += skipped;
                continue;
            }
            if (Mp3FrameHeader.TryRead(rest) is not { } frame)
            {
                at++;
                continue;
            }
            if (rest.Length < frame.Length)
                break;
            var opening = !_started;
            _started = true;
            SampleRate = frame.SampleRate;
            if (!(opening && Mp3FrameHeader.IsInfoFrame(rest[..frame.Length])))
                Samples += frame.Samples;
            at += frame.Length;
        }
        _pending = data[at..];
    }
}
