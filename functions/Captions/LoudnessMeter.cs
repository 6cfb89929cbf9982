namespace Serverless.Captions;

/// <summary>
/// The loudness of audio in 10 ms frames, fed as it is decoded (so a long recording is never held whole), and
/// the speech spans it shows (<see cref="EnergySpeechDetector"/>).
/// </summary>
public sealed class LoudnessMeter(int sampleRate)
{
    private readonly int _frame = Math.Max(1, (int)(sampleRate * EnergySpeechDetector.FrameSeconds));
    private readonly List<double> _levels = [];
    private double _sum;
    private int _count;

    public int SampleRate => sampleRate;

    /// <summary>Samples of one channel, scaled as 16-bit PCM.</summary>
    public void Add(ReadOnlySpan<short> samples)
    {
        foreach (var s in samples)
            Add((double)s);
    }

    /// <summary>Samples of one channel in [-1, 1] (decoders' float output).</summary>
    public void Add(ReadOnlySpan<float> samples, int stride = 1)
    {
        for (var i = 0; i < samples.Length; i += stride)
            Add(samples[i] * 32767.0);
    }

    private void Add(double sample)
    {
        _sum += sample * sample;
        if (++_count < _frame)
            return;
        _levels.Add(10 * Math.Log10(_sum / _frame + 1e-3));
        _sum = 0;
        _count = 0;
    }

    public double Seconds => (_levels.Count * _frame + _count) / (double)sampleRate;

    public IReadOnlyList<SpeechSpan> Spans(double minPause = EnergySpeechDetector.DefaultMinPause) =>
        EnergySpeechDetector.FromLevels(_levels, _frame / (double)sampleRate, minPause);
}
