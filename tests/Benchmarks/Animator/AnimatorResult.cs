using System.Globalization;

namespace Serverless.Benchmarks.Animator;

internal sealed record AnimatorResult(double AudioSeconds, int Runs, IReadOnlyList<RendererSpeed> Speeds, IReadOnlyList<PeakMemory> Memory)
{
    public const double MinRealTime512 = 10;
    public const double MinRealTime1080 = 4;

    /// <summary>What "flat" allows between 30 s and 600 s of speech: allocator noise, not a frame buffer per second.</summary>
    public const double MaxGrowthMiB = 16;

    public static double MinRealTime(int side) => side <= 512 ? MinRealTime512 : MinRealTime1080;

    public double WorkerGrowthMiB => Memory[^1].WorkerMiB - Memory[0].WorkerMiB;
    public double FfmpegGrowthMiB => Memory[^1].FfmpegMiB - Memory[0].FfmpegMiB;

    private bool SpeedMet(RendererSpeed speed) => speed.AnimatorRealTime(AudioSeconds) >= MinRealTime(speed.Side);

    private bool AllAnimated => Speeds.All(s => s.Renderer == "Animator") && Memory.All(m => m.Renderer == "animator");

    public bool MeetsTargets =>
        AllAnimated
        && Speeds.All(s => SpeedMet(s) && s.Problems.Count == 0)
        && WorkerGrowthMiB <= MaxGrowthMiB
        && FfmpegGrowthMiB <= MaxGrowthMiB;

    public string Summary() =>
        FormattableString.Invariant(
            $"animator: {string.Join(", ", Speeds.Select(s => $"{s.Side} px {s.AnimatorRealTime(AudioSeconds):0.0}x"))}; memory growth 30 s → 600 s: worker {WorkerGrowthMiB:+0;-0} MiB, ffmpeg {FfmpegGrowthMiB:+0;-0} MiB: {(MeetsTargets ? "targets met" : "TARGETS MISSED")}"
        );

    public string Markdown(string machine)
    {
        var rows = string.Join(
            "\n",
            Speeds.Select(s =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {s.Side}×{s.Side} | {s.AnimatorSeconds:0.00} s | **{s.AnimatorRealTime(AudioSeconds):0.0}×** | ≥ {MinRealTime(s.Side)}× | {Verdict(SpeedMet(s) && s.Problems.Count == 0)} | {s.StillSeconds:0.00} s ({s.StillRealTime(AudioSeconds):0}×) |"
                )
            )
        );
        var memoryRows = string.Join(
            "\n",
            Memory.Select(m =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {m.AudioSeconds:0} s | {m.WorkerMiB:0} MiB | {m.FfmpegMiB:0} MiB | {m.WallSeconds:0.0} s |"
                )
            )
        );
        var problems = Speeds.SelectMany(s => s.Problems).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"""
            The CPU animator (`RendererChoice.Animator`: face and landmarks found once, mouth, blinks and head motion
            drawn per frame and streamed into ffmpeg) beside the still-image renderer, on the {AudioSeconds:0.0} s espeak-ng
            clip, {Runs} runs each, alternating, median wall time of the real `VideoRenderer` (validation, audio,
            render, verification and poster included). The 1080 px portrait is the sample upscaled.

            | portrait | animator | × real time | target | | still image (× real time) |
            | --- | --- | --- | --- | --- | --- |
            {rows}

            Peak resident memory of one `render-worker render --renderer animator` process (and of its largest ffmpeg
            child) for the 512 px portrait and the clip looped to 30 s and 600 s:

            | speech | render-worker | largest ffmpeg child | wall time |
            | --- | --- | --- | --- |
            {memoryRows}

            Growth from 30 s to 600 s: render-worker {WorkerGrowthMiB:+0.0;-0.0} MiB, ffmpeg {FfmpegGrowthMiB:+0.0;-0.0} MiB
            (target: at most {MaxGrowthMiB} MiB each): {Verdict(WorkerGrowthMiB <= MaxGrowthMiB && FfmpegGrowthMiB <= MaxGrowthMiB)}.
            {(
                problems.Count == 0
                    ? "Every output guarantee held (ffprobe and a full decode, independently of the renderer's own check)."
                    : "**Guarantees broken: " + string.Join("; ", problems) + "**"
            )}

            The demo's video (scripts/demo.sh's text), every {0.16:0.00} s from 0.4 s, the face cropped:

            ![frames of the demo's video](animator-strip.png)

            ![the demo's first seconds](animator-demo.gif)

            {machine}

            Rerun: `dotnet run -c Release --project tests/Benchmarks -- animator --report docs/benchmarks.md`
            """
        );
    }

    private static string Verdict(bool met) => met ? "met" : "**missed**";
}
