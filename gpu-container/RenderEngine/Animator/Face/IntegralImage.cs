namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Running sums of a picture and of its squares, so that any rectangle's sum costs four lookups.</summary>
internal sealed class IntegralImage
{
    private readonly int _stride;
    private readonly int[] _sums;
    private readonly long[] _squares;

    public IntegralImage(GrayImage image)
    {
        _stride = image.Width + 1;
        _sums = new int[_stride * (image.Height + 1)];
        _squares = new long[_sums.Length];
        for (var y = 0; y < image.Height; y++)
        {
            int rowSum = 0;
            long rowSquares = 0;
            for (var x = 0; x < image.Width; x++)
            {
                int value = image.Pixels[y * image.Width + x];
                rowSum += value;
                rowSquares += value * value;
                var at = (y + 1) * _stride + x + 1;
                _sums[at] = _sums[at - _stride] + rowSum;
                _squares[at] = _squares[at - _stride] + rowSquares;
            }
        }
    }

    public int Stride => _stride;

    /// <summary>The running sums, <see cref="Stride"/> a row; entry (x, y) sums the pixels above and left of (x, y).</summary>
    public int[] Sums => _sums;

    public int Sum(int x, int y, int width, int height)
    {
        var top = y * _stride + x;
        var bottom = (y + height) * _stride + x;
        return _sums[bottom + width] - _sums[bottom] - _sums[top + width] + _sums[top];
    }

    public long SumOfSquares(int x, int y, int width, int height)
    {
        var top = y * _stride + x;
        var bottom = (y + height) * _stride + x;
        return _squares[bottom + width] - _squares[bottom] - _squares[top + width] + _squares[top];
    }
}
