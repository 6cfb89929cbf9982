using System.Runtime.Intrinsics;
using SkiaSharp;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// 32-bit pixels to planar YUV 4:2:0 (BT.601, limited range: what ffmpeg's own conversion gives), vectorized. The
/// encoder then reads a third of the bytes and skips its own conversion, which cost as much as the encode's
/// slowest part at 1080 px.
/// </summary>
public sealed class Yuv420Converter
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _r;
    private readonly int _b;

    public Yuv420Converter(int width, int height, SKColorType colorType)
    {
        if (width % 2 != 0 || height % 2 != 0)
            throw new ArgumentException("Both sides must be even.");
        _width = width;
        _height = height;
        (_r, _b) = colorType == SKColorType.Bgra8888 ? (16, 0) : (0, 16);
    }

    public int FrameBytes => _width * _height * 3 / 2;

    public void Convert(ReadOnlySpan<byte> pixels, Span<byte> yuv)
    {
        var ySize = _width * _height;
        var y = yuv[..ySize];
        var u = yuv.Slice(ySize, ySize / 4);
        var v = yuv.Slice(ySize + ySize / 4, ySize / 4);
        var rows = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(pixels);
        for (var row = 0; row < _height; row += 2)
        {
            var top = rows.Slice(row * _width, _width);
            var bottom = rows.Slice((row + 1) * _width, _width);
            Luma(top, y.Slice(row * _width, _width));
            Luma(bottom, y.Slice((row + 1) * _width, _width));
            Chroma(top, bottom, u.Slice(row / 2 * (_width / 2), _width / 2), v.Slice(row / 2 * (_width / 2), _width / 2));
        }
    }

    private void Luma(ReadOnlySpan<uint> pixels, Span<byte> luma)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            const int Step = 4 * 8;
            for (; x + Step <= pixels.Length; x += Step)
            {
                var low = Vector256.Narrow(Luma8(pixels.Slice(x, 8)), Luma8(pixels.Slice(x + 8, 8)));
                var high = Vector256.Narrow(Luma8(pixels.Slice(x + 16, 8)), Luma8(pixels.Slice(x + 24, 8)));
                Vector256.Narrow(low, high).CopyTo(luma.Slice(x, Step));
            }
        }
        for (; x < pixels.Length; x++)
        {
            var p = pixels[x];
            uint r = (p >> _r) & 0xFF,
                g = (p >> 8) & 0xFF,
                b = (p >> _b) & 0xFF;
            luma[x] = (byte)(((r * 66 + g * 129 + b * 25 + 128) >> 8) + 16);
        }
    }

    private static Vector256<ulong> Sum(Vector256<ulong> top, Vector256<ulong> bottom, int shift)
    {
        var mask = Vector256.Create(0xFFUL);
        var sum = ((top >> shift) & mask) + ((top >> (shift + 32)) & mask) + ((bottom >> shift) & mask) + ((bottom >> (shift + 32)) & mask);
        return sum;
    }

    private Vector256<uint> Luma8(ReadOnlySpan<uint> eight)
    {
        var mask = Vector256.Create(0xFFu);
        var p = Vector256.Create(eight);
        var r = (p >> _r) & mask;
        var g = (p >> 8) & mask;
        var b = (p >> _b) & mask;
        return ((r * 66 + g * 129 + b * 25 + Vector256.Create(128u)) >> 8) + Vector256.Create(16u);
    }

    private void Chroma(ReadOnlySpan<uint> top, ReadOnlySpan<uint> bottom, Span<byte> u, Span<byte> v)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four 2×2 blocks at a time: each 64-bit lane holds two neighbouring pixels.
            var topPairs = System.Runtime.InteropServices.MemoryMarshal.Cast<uint, ulong>(top);
            var bottomPairs = System.Runtime.InteropServices.MemoryMarshal.Cast<uint, ulong>(bottom);
            for (; x + 4 <= u.Length; x += 4)
            {
                var a = Vector256.Create(topPairs.Slice(x, 4));
                var c = Vector256.Create(bottomPairs.Slice(x, 4));
                var r = Sum(a, c, _r);
                var g = Sum(a, c, 8);
                var b = Sum(a, c, _b);
                // Offset by 128 × 1024 first, so that everything stays unsigned (no arithmetic shift of 64-bit lanes in AVX2).
                var offset = Vector256.Create(512UL + (128UL << 10));
                var cb = (b * 112 + offset - r * 38 - g * 74) >> 10;
                var cr = (r * 112 + offset - g * 94 - b * 18) >> 10;
                for (var i = 0; i < 4; i++)
                {
                    u[x + i] = (byte)cb.GetElement(i);
                    v[x + i] = (byte)cr.GetElement(i);
                }
            }
        }
        for (; x < u.Length; x++)
        {
            uint a = top[2 * x],
                b2 = top[2 * x + 1],
                c = bottom[2 * x],
                d = bottom[2 * x + 1];
            int r = (int)(((a >> _r) & 0xFF) + ((b2 >> _r) & 0xFF) + ((c >> _r) & 0xFF) + ((d >> _r) & 0xFF));
            int g = (int)(((a >> 8) & 0xFF) + ((b2 >> 8) & 0xFF) + ((c >> 8) & 0xFF) + ((d >> 8) & 0xFF));
            int b = (int)(((a >> _b) & 0xFF) + ((b2 >> _b) & 0xFF) + ((c >> _b) & 0xFF) + ((d >> _b) & 0xFF));
            // Sums of four: the shift by 10 divides by 4 × 256.
            u[x] = (byte)(((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128);
            v[x] = (byte)(((112 * r - 94 * g - 18 * b + 512) >> 10) + 128);
        }
    }
}
