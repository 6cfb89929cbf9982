namespace Serverless.RenderEngine.Animator;

/// <summary>A second-order IIR filter (the Audio EQ Cookbook's high- and low-pass), run sample by sample.</summary>
internal struct Biquad
{
    private readonly double _b0,
        _b1,
        _b2,
        _a1,
        _a2;
    private double _x1,
        _x2,
        _y1,
        _y2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
        _x1 = _x2 = _y1 = _y2 = 0;
    }

    public static Biquad HighPass(double cutoffHz, double sampleRate)
    {
        var (cos, alpha) = Terms(cutoffHz, sampleRate);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad LowPass(double cutoffHz, double sampleRate)
    {
        var (cos, alpha) = Terms(cutoffHz, sampleRate);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public double Process(double x)
    {
        var y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1;
        _x1 = x;
        _y2 = _y1;
        _y1 = y;
        return y;
    }

    private static (double Cos, double Alpha) Terms(double cutoffHz, double sampleRate)
    {
        var w = 2 * Math.PI * cutoffHz / sampleRate;
        return (Math.Cos(w), Math.Sin(w) / (2 * Math.Sqrt(0.5)));
    }
}
