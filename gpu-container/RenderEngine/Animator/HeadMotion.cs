using System.Numerics;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// The whole picture's slow motion: a sway (slow sines of seeded phase, side to side and up and down), a small nod
/// with the speech's emphasis, and a slight zoom, all a few per cent of the face's size and smooth from frame to
/// frame. The zoom never drops below what keeps the picture's edges outside the frame, so its borders never show.
/// There is no turn: a turned picture costs Skia several times the resampling of a zoomed and shifted one.
/// </summary>
public sealed class HeadMotion
{
    private const float BaseZoom = 1.035f;
    private readonly float _width;
    private readonly float _height;
    private readonly Vector2 _pivot;
    private readonly float _face;
    private readonly float[] _phase = new float[5];

    /// <param name="faceSize">The eye distance, which scales every motion.</param>
    public HeadMotion(int seed, int width, int height, float faceSize)
    {
        _width = width;
        _height = height;
        // Zooming about the picture's centre keeps the zoom that covers the edges small and smooth wherever the face is.
        _pivot = new Vector2(width / 2f, height / 2f);
        _face = faceSize;
        var random = new Random(unchecked(seed * 31 + 7));
        for (var i = 0; i < _phase.Length; i++)
            _phase[i] = (float)(random.NextDouble() * 2 * Math.PI);
    }

    /// <summary>The picture-to-frame transform of one frame.</summary>
    public Matrix3x2 At(int frame, float emphasis, int framesPerSecond)
    {
        var t = (float)frame / framesPerSecond;
        var shift = new Vector2(
            _face * (0.05f * MathF.Sin(Tau * t / 9.1f + _phase[0]) + 0.02f * MathF.Sin(Tau * t / 3.7f + _phase[1])),
            _face * (0.025f * MathF.Sin(Tau * t / 6.7f + _phase[2]) + 0.015f * MathF.Sin(Tau * t / 2.9f + _phase[3]) + 0.06f * emphasis)
        );
        var zoom = BaseZoom * (1 + 0.012f * MathF.Sin(Tau * t / 11.3f + _phase[4]) + 0.01f * emphasis);
        zoom = MathF.Max(zoom, Covering(shift) * 1.002f);
        return Matrix3x2.CreateTranslation(-_pivot) * Matrix3x2.CreateScale(zoom) * Matrix3x2.CreateTranslation(_pivot + shift);
    }

    /// <summary>The least zoom at which the shifted picture still covers every corner of the frame.</summary>
    private float Covering(Vector2 shift)
    {
        var need = 1f;
        foreach (var corner in new Vector2[] { new(0, 0), new(_width, 0), new(0, _height), new(_width, _height) })
        {
            // The corner comes from pivot + v / zoom in the picture, which must stay inside it.
            var v = corner - _pivot - shift;
            need = MathF.Max(need, Need(v.X, _pivot.X, _width));
            need = MathF.Max(need, Need(v.Y, _pivot.Y, _height));
        }
        return need;
    }

    private static float Need(float v, float pivot, float size) =>
        v > 0 ? v / MathF.Max(size - pivot, 1e-3f) : -v / MathF.Max(pivot, 1e-3f);

    private const float Tau = 2 * MathF.PI;
}
