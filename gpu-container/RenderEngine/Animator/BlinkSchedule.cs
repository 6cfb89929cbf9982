namespace Serverless.RenderEngine.Animator;

/// <summary>
/// Blinks every 2–6 s (seeded, so a job always blinks alike), each about 150 ms: the lids close over two frames,
/// then open over two more, so every blink shows at 25 fps.
/// </summary>
public sealed class BlinkSchedule
{
    private static readonly float[] s_profile = [0.55f, 1f, 0.8f, 0.35f];
    private readonly HashSet<int> _starts = [];

    public BlinkSchedule(int seed, int frames, int framesPerSecond)
    {
        var random = new Random(seed);
        var t = 0.8 + random.NextDouble() * 2.2;
        while (true)
        {
            var frame = (int)Math.Round(t * framesPerSecond);
            if (frame >= frames)
                break;
            _starts.Add(frame);
            t += 2 + random.NextDouble() * 4;
        }
    }

    public IReadOnlyCollection<int> Starts => _starts;

    /// <summary>How far the lids are closed in a frame, 0–1.</summary>
    public float At(int frame)
    {
        for (var k = 0; k < s_profile.Length; k++)
            if (_starts.Contains(frame - k))
                return s_profile[k];
        return 0;
    }
}
