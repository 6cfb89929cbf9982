using Serverless.RenderEngine.Animator.Face;

namespace Serverless.RenderEngine.Tests.Face;

/// <summary>An affine change of the portrait: the new picture's size and where each point goes.</summary>
internal sealed record PortraitTransform(int Width, int Height, float A, float B, float C, float D, float E, float F)
{
    /// <summary>x' = A x + B y + C, y' = D x + E y + F.</summary>
    public LandmarkPoint Forward(LandmarkPoint p) => new(A * p.X + B * p.Y + C, D * p.X + E * p.Y + F);

    /// <summary>A mirror swaps left and right.</summary>
    public bool Mirrors => A * E - B * D < 0;

    public GrayImage Apply(GrayImage source)
    {
        var determinant = A * E - B * D;
        return PortraitImages.Warp(
            source,
            Width,
            Height,
            (x, y) =>
            {
                float dx = x - C,
                    dy = y - F;
                return ((E * dx - B * dy) / determinant, (A * dy - D * dx) / determinant);
            }
        );
    }

    public static IReadOnlyDictionary<string, PortraitTransform> All { get; } =
        new Dictionary<string, PortraitTransform>
        {
            ["mirrored"] = new(512, 512, -1, 0, 511, 0, 1, 0),
            ["shifted"] = new(512, 512, 1, 0, 70, 0, 1, 45),
            ["scaled by 0.6"] = Scaled(0.6f),
            ["scaled by 1.5"] = Scaled(1.5f),
            ["rotated by 6 degrees"] = Rotated(6),
            ["rotated by -6 degrees"] = Rotated(-6),
        };

    private static PortraitTransform Scaled(float factor)
    {
        var side = (int)MathF.Round(512 * factor);
        return new(side, side, factor, 0, 0, 0, factor, 0);
    }

    /// <summary>Turned about the middle of the face, clockwise on screen for positive degrees.</summary>
    private static PortraitTransform Rotated(float degrees)
    {
        var (sin, cos) = MathF.SinCos(degrees * MathF.PI / 180);
        const float cx = 225,
            cy = 125;
        return new(512, 512, cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy);
    }
}
