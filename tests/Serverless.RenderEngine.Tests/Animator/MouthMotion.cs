using System.Numerics;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>
/// Our own quality check of a talking-head video, per frame: the head's motion found from the frame itself
/// (<see cref="Registration"/>) and taken out, then how much the mouth region and the eye regions differ from the
/// portrait at rest, beside the speech's loudness in that frame.
/// </summary>
internal sealed record MouthMotion(double[] Mouth, double[] Eyes, double[] LoudnessDb, double MaxJumpPx)
{
    private const double FloorBelowLoudDb = 40;

    /// <summary>Pearson r of the mouth's change against the loudness (dB, floored 40 dB under the loud parts).</summary>
    public double Correlation => Pearson(Mouth, LoudnessDb);

    /// <summary>The mouth's mean change in pauses (0.2 s into a silence) over its mean change in the loudest third of the frames.</summary>
    public double PauseRatio
    {
        get
        {
            var floor = LoudnessDb.Min();
            var pause = Enumerable
                .Range(5, Math.Max(0, Mouth.Length - 5))
                .Where(f => Enumerable.Range(f - 5, 6).All(g => LoudnessDb[g] <= floor + 1))
                .ToArray();
            var loud = LoudnessDb.Order().ElementAt(LoudnessDb.Length * 2 / 3);
            var speaking = Enumerable.Range(0, Mouth.Length).Where(f => LoudnessDb[f] >= loud).ToArray();
            return pause.Length == 0 ? double.NaN : pause.Average(f => Mouth[f]) / speaking.Average(f => Mouth[f]);
        }
    }

    /// <summary>Separate runs of frames whose eye regions changed far more than usual.</summary>
    public int Blinks
    {
        get
        {
            var median = Eyes.Order().ElementAt(Eyes.Length / 2);
            var threshold = median * 2.5 + 2;
            var runs = 0;
            for (var f = 0; f < Eyes.Length; f++)
                if (Eyes[f] > threshold && (f == 0 || Eyes[f - 1] <= threshold))
                    runs++;
            return runs;
        }
    }

    public static async Task<MouthMotion> MeasureAsync(
        string videoPath,
        string portraitPath,
        int width,
        int height,
        IReadOnlyList<Vector2> landmarks,
        string speechWav
    )
    {
        var rest = await GrayFrames.PictureAsync(portraitPath, width, height);
        var eyeDistance = Vector2.Distance(Mean(landmarks, 36, 41), Mean(landmarks, 42, 47));
        var up = new Vector2(0, -eyeDistance * 0.3f);
        Vector2[] anchors = [Mean(landmarks, 17, 21) + up, Mean(landmarks, 22, 26) + up, landmarks[28]];
        var registration = new Registration(
            rest,
            width,
            height,
            anchors,
            halfPatch: (int)Math.Max(5, eyeDistance * 0.3f),
            search: (int)(eyeDistance * 0.35f) + 4
        );

        var lips = Box(landmarks, 48, 67, eyeDistance * 0.1f);
        var mouthBox = lips with { Bottom = lips.Bottom + eyeDistance * 0.3f };
        var eyeBoxes = new[] { Box(landmarks, 36, 41, eyeDistance * 0.08f), Box(landmarks, 42, 47, eyeDistance * 0.08f) };
        var faceCorners = new[] { landmarks[0], landmarks[16], landmarks[8], landmarks[27] };

        var mouth = new List<double>();
        var eyes = new List<double>();
        var maxJump = 0.0;
        Matrix3x2? previous = null;
        await GrayFrames.ReadAsync(
            videoPath,
            width,
            height,
            (_, frame) =>
            {
                var head = registration.Find(frame);
                mouth.Add(Change(rest, frame, width, height, mouthBox, head));
                eyes.Add(eyeBoxes.Average(b => Change(rest, frame, width, height, b, head)));
                if (previous is { } last)
                    maxJump = Math.Max(
                        maxJump,
                        faceCorners.Max(c => Vector2.Distance(Vector2.Transform(c, head), Vector2.Transform(c, last)))
                    );
                previous = head;
            }
        );
        return new MouthMotion([.. mouth], [.. eyes], Loudness(speechWav, mouth.Count), maxJump);
    }

    /// <summary>Mean absolute difference between the rest picture's box and the same place in the frame, followed by the head.</summary>
    private static double Change(
        byte[] rest,
        byte[] frame,
        int width,
        int height,
        (float Left, float Top, float Right, float Bottom) box,
        Matrix3x2 head
    )
    {
        double sum = 0;
        var count = 0;
        for (var y = (int)box.Top; y <= (int)box.Bottom; y++)
        for (var x = (int)box.Left; x <= (int)box.Right; x++)
        {
            if (x < 0 || y < 0 || x >= width || y >= height)
                continue;
            var q = Vector2.Transform(new Vector2(x, y), head);
            sum += Math.Abs(rest[y * width + x] - Bilinear(frame, width, height, q));
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double Bilinear(byte[] image, int width, int height, Vector2 p)
    {
        var x = Math.Clamp(p.X, 0, width - 1.001f);
        var y = Math.Clamp(p.Y, 0, height - 1.001f);
        int x0 = (int)x,
            y0 = (int)y;
        float fx = x - x0,
            fy = y - y0;
        var top = image[y0 * width + x0] * (1 - fx) + image[y0 * width + x0 + 1] * fx;
        var bottom = image[(y0 + 1) * width + x0] * (1 - fx) + image[(y0 + 1) * width + x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /// <summary>Each video frame's RMS level in dB, floored <see cref="FloorBelowLoudDb"/> under the loud parts.</summary>
    private static double[] Loudness(string wavPath, int frames)
    {
        var wav = Pcm16Wav.Read(wavPath);
        var bytes = File.ReadAllBytes(wavPath).AsSpan((int)wav.DataOffset, (int)wav.DataBytes);
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes);
        var perFrame = wav.SampleRate / 25;
        var db = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            var n = 0;
            for (var i = f * perFrame; i < Math.Min(samples.Length, (f + 1) * perFrame); i++, n++)
                sum += (double)samples[i] * samples[i];
            db[f] = 10 * Math.Log10(sum / Math.Max(n, 1) / (32768.0 * 32768.0) + 1e-12);
        }
        var loud = db.Order().ElementAt((int)(frames * 0.95));
        return [.. db.Select(d => Math.Max(d, loud - FloorBelowLoudDb))];
    }

    private static double Pearson(double[] a, double[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        double ma = a.Take(n).Average(),
            mb = b.Take(n).Average();
        double cov = 0,
            va = 0,
            vb = 0;
        for (var i = 0; i < n; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.Sqrt(va * vb);
    }

    private static Vector2 Mean(IReadOnlyList<Vector2> p, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Aggregate(Vector2.Zero, (s, i) => s + p[i]) / (to - from + 1);

    private static (float Left, float Top, float Right, float Bottom) Box(IReadOnlyList<Vector2> p, int from, int to, float margin)
    {
        var points = Enumerable.Range(from, to - from + 1).Select(i => p[i]).ToArray();
        return (points.Min(q => q.X) - margin, points.Min(q => q.Y) - margin, points.Max(q => q.X) + margin, points.Max(q => q.Y) + margin);
    }
}
