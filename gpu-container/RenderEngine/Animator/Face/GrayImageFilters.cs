namespace Serverless.RenderEngine.Animator.Face;

/// <summary>The few picture operations face detection needs: resizing and histogram equalisation.</summary>
internal static class GrayImageFilters
{
    /// <summary>Shrinks by averaging every source pixel that a target pixel covers (no aliasing).</summary>
    public static GrayImage ShrinkByArea(GrayImage source, int width, int height)
    {
        var pixels = new byte[width * height];
        double scaleX = (double)source.Width / width,
            scaleY = (double)source.Height / height;
        for (var y = 0; y < height; y++)
        {
            int top = (int)(y * scaleY),
                bottom = Math.Max(top + 1, Math.Min(source.Height, (int)Math.Ceiling((y + 1) * scaleY)));
            for (var x = 0; x < width; x++)
            {
                int left = (int)(x * scaleX),
                    right = Math.Max(left + 1, Math.Min(source.Width, (int)Math.Ceiling((x + 1) * scaleX)));
                var sum = 0;
                for (var row = top; row < bottom; row++)
                for (var column = left; column < right; column++)
                    sum += source.Pixels[row * source.Width + column];
                pixels[y * width + x] = (byte)((sum + (right - left) * (bottom - top) / 2) / ((right - left) * (bottom - top)));
            }
        }
        return new GrayImage(pixels, width, height);
    }

    /// <summary>Bilinear resize with pixel centres aligned (as OpenCV's linear resize).</summary>
    public static GrayImage ResizeBilinear(GrayImage source, int width, int height)
    {
        var pixels = new byte[width * height];
        float scaleX = (float)source.Width / width,
            scaleY = (float)source.Height / height;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5f) * scaleY - 0.5f, 0, source.Height - 1);
            var top = Math.Min((int)sy, source.Height - 2);
            var fy = sy - top;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp((x + 0.5f) * scaleX - 0.5f, 0, source.Width - 1);
                var left = Math.Min((int)sx, source.Width - 2);
                var fx = sx - left;
                var row = top * source.Width + left;
                var value =
                    (1 - fy) * ((1 - fx) * source.Pixels[row] + fx * source.Pixels[row + 1])
                    + fy * ((1 - fx) * source.Pixels[row + source.Width] + fx * source.Pixels[row + source.Width + 1]);
                pixels[y * width + x] = (byte)(value + 0.5f);
            }
        }
        return new GrayImage(pixels, width, height);
    }

    /// <summary>Spreads the grey levels so that their histogram is flat (the detector's cascades expect it).</summary>
    public static GrayImage Equalize(GrayImage source)
    {
        var histogram = new int[256];
        foreach (var value in source.Pixels)
            histogram[value]++;
        var first = Array.FindIndex(histogram, count => count > 0);
        var total = source.Pixels.Length;
        if (first < 0 || histogram[first] == total)
            return source;

        var lookup = new byte[256];
        var scale = 255.0 / (total - histogram[first]);
        var sum = 0;
        for (var level = first + 1; level < 256; level++)
        {
            sum += histogram[level];
            lookup[level] = (byte)Math.Clamp(Math.Round(sum * scale), 0, 255);
        }
        return new GrayImage([.. source.Pixels.Select(value => lookup[value])], source.Width, source.Height);
    }
}
