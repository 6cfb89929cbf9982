using System.Globalization;

namespace Serverless.Benchmarks;

internal sealed record FallbackResult(
    double AudioSeconds,
    int Runs,
    double OursSeconds,
    double OldSeconds,
    double Ssim,
    IReadOnlyList<string> Problems
)
{
    public const double MinRealTimeFactor = 50;
    public const double MinSpeedup = 6;
    public const double MinSsim = 0.9;

    public double OursRealTime => AudioSeconds / OursSeconds;
    public double OldRealTime => AudioSeconds / OldSeconds;
    public double Speedup => OldSeconds / OursSeconds;
    public bool MeetsTargets => OursRealTime >= MinRealTimeFactor && Speedup >= MinSpeedup && Ssim >= MinSsim && Problems.Count == 0;

    public string Summary() =>
        FormattableString.Invariant(
            $"audio {AudioSeconds:0.0} s, {Runs} runs: fallback {OursSeconds:0.000} s ({OursRealTime:0}x real time), old command {OldSeconds:0.000} s ({OldRealTime:0.0}x), speed-up {Speedup:0.0}x, SSIM {Ssim:0.000}, {(Problems.Count == 0 ? "every guarantee held" : string.Join("; ", Problems))}: {(MeetsTargets ? "targets met" : "TARGETS MISSED")}"
        );

    public string Markdown(string machine) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"""
            Rendering `samples/portrait.png` (512×512) with a {AudioSeconds:0.0} s espeak-ng speech clip, {Runs} runs of each,
            alternating, median wall time. "Fallback" is the real `VideoRenderer` with the ffmpeg renderer (input
            validation, audio encode, render, output verification and poster included); "old command" is the old
            Python worker's single ffmpeg command.

            | renderer | median wall time | × real time |
            | --- | --- | --- |
            | fallback (this project) | {OursSeconds:0.000} s | {OursRealTime:0}× |
            | old worker's command | {OldSeconds:0.000} s | {OldRealTime:0.0}× |

            Speed-up: **{Speedup:0.0}×** (target ≥ {MinSpeedup}×); real-time factor target ≥ {MinRealTimeFactor}×.
            SSIM against the portrait, averaged over every frame of the video: {Ssim:0.000} (target ≥ {MinSsim}).
            {(
                Problems.Count == 0 ? "Every guarantee held" : "**Guarantees broken: " + string.Join("; ", Problems) + "**"
            )}: the renderer checks its output in-process, and the
            benchmark checks it again with ffprobe and a decode of every frame.

            {machine}

            Rerun: `dotnet run -c Release --project tests/Benchmarks -- fallback --runs {Runs} --report docs/benchmarks.md`
            """
        );
}
