namespace Serverless.RenderEngine.Animator;

/// <summary>
/// What the speech does to the face, per video frame: how far the mouth opens (the loudness in the voice band,
/// normalized to the speech's own level, noise-gated, with a short attack and a slower release) and how much
/// emphasis there is (the loudness rising above its recent average, for a small nod).
/// </summary>
public sealed record SpeechEnvelope(float[] Open, float[] Emphasis)
{
    private const double HopSeconds = 0.01;
    private const double AttackSeconds = 0.035;
    private const double ReleaseSeconds = 0.1;
    private const double ClosedBelow = 0.05;

    /// <summary>Speech this far below its loud parts (the 95th percentile) counts as closed.</summary>
    private const double RangeDb = 30;

    public int Frames => Open.Length;

    /// <param name="frames">Video frames to describe (the speech's length at 25 fps, rounded up).</param>
    public static SpeechEnvelope FromWav(string wavPath, int frames, int framesPerSecond)
    {
        var hopsDb = new List<float>();
        Biquad highPass = default,
            lowPass = default;
        int hop = 0,
            inHop = 0;
        double sum = 0;
        WavReader.Read(
            wavPath,
            rate =>
            {
                hop = Math.Max(1, (int)Math.Round(rate * HopSeconds));
                highPass = Biquad.HighPass(300, rate);
                lowPass = Biquad.LowPass(Math.Min(3400, rate * 0.45), rate);
            },
            samples =>
            {
                foreach (var s in samples)
                {
                    var y = lowPass.Process(highPass.Process(s));
                    sum += y * y;
                    if (++inHop == hop)
                    {
                        hopsDb.Add((float)(10 * Math.Log10(sum / hop + 1e-12)));
                        sum = 0;
                        inHop = 0;
                    }
                }
            }
        );
        return FromHops([.. hopsDb], frames, framesPerSecond);
    }

    public static SpeechEnvelope FromHops(float[] hopsDb, int frames, int framesPerSecond)
    {
        var target = Normalized(hopsDb);

        var open = new float[frames];
        var emphasis = new float[frames];
        var hopsPerFrame = 1.0 / framesPerSecond / HopSeconds;
        double env = 0,
            slow = 0,
            slower = 0;
        var attack = 1 - Math.Exp(-HopSeconds / AttackSeconds);
        var release = 1 - Math.Exp(-HopSeconds / ReleaseSeconds);
        var slowRate = 1 - Math.Exp(-HopSeconds / 0.25);
        var slowerRate = 1 - Math.Exp(-HopSeconds / 1.5);
        var h = 0;
        for (var f = 0; f < frames; f++)
        {
            var end = (int)Math.Round((f + 1) * hopsPerFrame);
            double total = 0;
            var count = 0;
            for (; h < end; h++)
            {
                var x = h < target.Length ? target[h] : 0;
                env += (x - env) * (x > env ? attack : release);
                slow += (env - slow) * slowRate;
                slower += (env - slower) * slowerRate;
                total += env;
                count++;
            }
            // The release's tail is cut at 5 %, so that a pause closes the mouth all the way (0.3 s after the sound).
            var mean = count > 0 ? total / count : env;
            open[f] = (float)Math.Max(0, (mean - ClosedBelow) / (1 - ClosedBelow));
            emphasis[f] = (float)Math.Clamp((slow - slower) * 2.5, 0, 1);
        }
        return new SpeechEnvelope(open, emphasis);
    }

    /// <summary>Each hop's loudness as 0 (at or under the gate) to 1 (the speech's loud parts).</summary>
    private static float[] Normalized(float[] hopsDb)
    {
        var audible = hopsDb.Where(d => d > -70).Order().ToArray();
        var result = new float[hopsDb.Length];
        if (audible.Length == 0)
            return result;
        var loud = audible[(int)((audible.Length - 1) * 0.95)];
        var floor = hopsDb.Order().ElementAt((int)((hopsDb.Length - 1) * 0.1));
        // The gate sits above the noise between words, but never so high that it swallows quiet speech.
        var gate = Math.Min(Math.Max(loud - RangeDb, floor + 6), loud - 12);
        for (var i = 0; i < hopsDb.Length; i++)
        {
            // Above linear, so that quieter sounds between the syllables' peaks close the mouth more.
            var x = Math.Clamp((hopsDb[i] - gate) / (loud - gate), 0, 1);
            result[i] = (float)Math.Pow(x, 1.4);
        }
        return result;
    }
}
