namespace Serverless.Benchmarks.Animator;

/// <summary>Median wall times of the animator and the still image for one portrait size.</summary>
internal sealed record RendererSpeed(int Side, string Renderer, double AnimatorSeconds, double StillSeconds, IReadOnlyList<string> Problems)
{
    public double AnimatorRealTime(double audioSeconds) => audioSeconds / AnimatorSeconds;

    public double StillRealTime(double audioSeconds) => audioSeconds / StillSeconds;

    public string Summary(double audioSeconds) =>
        FormattableString.Invariant(
            $"{Side} px: animator ({Renderer}) {AnimatorSeconds:0.00} s = {AnimatorRealTime(audioSeconds):0.0}x real time, still {StillSeconds:0.00} s = {StillRealTime(audioSeconds):0}x{(Problems.Count == 0 ? "" : "; problems: " + string.Join("; ", Problems))}"
        );
}
