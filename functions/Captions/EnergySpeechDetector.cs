namespace Serverless.Captions;

/// <summary>
/// Finds the speech in audio by loudness: 10 ms frames louder than both the quiet floor (its 10th percentile)
/// plus 12 dB and the loudest frame less 40 dB count as sound; sound separated by less than <c>minPause</c> is
/// one span. Pure.
/// </summary>
public static class EnergySpeechDetector
{
    public const double FrameSeconds = 0.01;
    public const double DefaultMinPause = 0.15;

    /// <summary>The speech spans of 16-bit mono PCM.</summary>
    public static IReadOnlyList<SpeechSpan> Detect(ReadOnlySpan<short> samples, int sampleRate, double minPause = DefaultMinPause)
    {
        var meter = new LoudnessMeter(sampleRate);
        meter.Add(samples);
        return meter.Spans(minPause);
    }

    /// <param name="levels">Each frame's mean power in dB (16-bit scale).</param>
    public static IReadOnlyList<SpeechSpan> FromLevels(IReadOnlyList<double> levels, double frameSeconds, double minPause = DefaultMinPause)
    {
        var count = levels.Count;
        if (count == 0)
            return [];
        var sorted = levels.Order().ToArray();
        var threshold = Math.Max(sorted[count / 10] + 12, sorted[^1] - 40);
        threshold = Math.Max(threshold, 10 * Math.Log10(30.0 * 30.0));

        var spans = new List<SpeechSpan>();
        int? open = null;
        var lastLoud = -1;
        var minGapFrames = (int)Math.Round(minPause / frameSeconds);
        for (var f = 0; f < count; f++)
        {
            if (levels[f] < threshold)
                continue;
            if (open is { } o && f - lastLoud - 1 >= minGapFrames)
            {
                spans.Add(new SpeechSpan(o * frameSeconds, (lastLoud + 1) * frameSeconds));
                open = null;
            }
            open ??= f;
            lastLoud = f;
        }
        if (open is { } last)
            spans.Add(new SpeechSpan(last * frameSeconds, (lastLoud + 1) * frameSeconds));
        return spans;
    }

    /// <summary>The samples of a 16-bit PCM WAV's first channel.</summary>
    public static short[] ReadMono(ReadOnlySpan<byte> data, int channels)
    {
        var block = 2 * channels;
        var samples = new short[data.Length / block];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(data[(i * block)..]);
        return samples;
    }
}
