using System.Numerics;
using SkiaSharp;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// Draws one frame: the whole portrait under the head's transform, the face's mesh warped to the pose over it
/// (its fixed ring lands exactly on the picture below, so there is no seam), the open mouth's dark cavity between
/// the inner lips, and the teeth of the rest pose inside it, the upper ones with the upper lip and the lower ones
/// with the jaw.
/// </summary>
public sealed class FrameDrawer : IDisposable
{
    private static readonly SKSamplingOptions s_linear = new(SKFilterMode.Linear, SKMipmapMode.None);
    private readonly SKImage _portrait;
    private readonly SKShader _shader;
    private readonly SKPaint _meshPaint;
    private readonly SKPaint _cavityPaint;
    private readonly FaceRig _rig;
    private readonly SKPoint[] _texture;
    private readonly SKPoint[] _positions;
    private readonly Vector2[] _moved;
    private readonly ushort[] _indices;
    private readonly SKPath _upperTeeth;
    private readonly SKPath _lowerTeeth;

    public FrameDrawer(DecodedPortrait portrait, FaceRig rig)
    {
        _portrait = SKImage.FromPixelCopy(portrait.Info, portrait.Pixels, portrait.Width * 4);
        _shader = _portrait.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, s_linear);
        _meshPaint = new SKPaint { Shader = _shader, IsAntialias = false };
        _cavityPaint = new SKPaint
        {
            Color = new SKColor(52, 20, 22),
            IsAntialias = true,
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, MathF.Max(0.5f, rig.EyeDistance * 0.012f)),
        };
        _rig = rig;
        _texture = [.. rig.Rest.Select(p => new SKPoint(p.X, p.Y))];
        _positions = new SKPoint[rig.Rest.Length];
        _moved = new Vector2[rig.Rest.Length];
        _indices = [.. rig.Triangles.Select(i => (ushort)i)];
        var rest = rig.Rest;
        Vector2 Mid(int a, int b) => (rest[a] + rest[b]) / 2;
        _upperTeeth = Polygon([rest[60], rest[61], rest[62], rest[63], rest[64], Mid(63, 65), Mid(62, 66), Mid(61, 67)]);
        _lowerTeeth = Polygon([rest[60], Mid(61, 67), Mid(62, 66), Mid(63, 65), rest[64], rest[65], rest[66], rest[67]]);
        Width = portrait.Width;
        Height = portrait.Height;
    }

    public int Width { get; }

    public int Height { get; }

    public void Draw(SKCanvas canvas, Matrix3x2 head, float open, float blink)
    {
        canvas.ResetMatrix();
        canvas.SetMatrix(new SKMatrix(head.M11, head.M21, head.M31, head.M12, head.M22, head.M32, 0, 0, 1));
        canvas.DrawImage(_portrait, 0, 0, s_linear);

        _rig.Pose(open, blink, _moved);
        for (var i = 0; i < _moved.Length; i++)
            _positions[i] = new SKPoint(_moved[i].X, _moved[i].Y);
        using (var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, _positions, _texture, null, _indices))
            canvas.DrawVertices(vertices, SKBlendMode.Modulate, _meshPaint);

        var drop = Vector2.Dot(_moved[66] - _rig.Rest[66], _rig.Down);
        if (drop <= 0.05f)
            return;
        using var cavity = Polygon([
            .. FaceRig.UpperInnerLip.Select(i => _moved[i]),
            .. FaceRig.LowerInnerLip.Skip(1).SkipLast(1).Select(i => _moved[i]),
        ]);
        // A barely open mouth fades its cavity in, so the lips never flicker between open and closed.
        _cavityPaint.Color = _cavityPaint.Color.WithAlpha((byte)(255 * Math.Clamp(drop / (_rig.EyeDistance * 0.03f), 0, 1)));
        canvas.DrawPath(cavity, _cavityPaint);

        canvas.Save();
        canvas.ClipPath(cavity, antialias: true);
        DrawShifted(canvas, _upperTeeth, _moved[62] - _rig.Rest[62]);
        DrawShifted(canvas, _lowerTeeth, _moved[66] - _rig.Rest[66]);
        canvas.Restore();
    }

    private void DrawShifted(SKCanvas canvas, SKPath part, Vector2 shift)
    {
        canvas.Save();
        canvas.Translate(shift.X, shift.Y);
        canvas.ClipPath(part, antialias: true);
        canvas.DrawImage(_portrait, 0, 0, s_linear);
        canvas.Restore();
    }

    private static SKPath Polygon(IReadOnlyList<Vector2> points)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo(points[0].X, points[0].Y);
        for (var i = 1; i < points.Count; i++)
            builder.LineTo(points[i].X, points[i].Y);
        builder.Close();
        return builder.Detach();
    }

    public void Dispose()
    {
        _upperTeeth.Dispose();
        _lowerTeeth.Dispose();
        _cavityPaint.Dispose();
        _meshPaint.Dispose();
        _shader.Dispose();
        _portrait.Dispose();
    }
}
