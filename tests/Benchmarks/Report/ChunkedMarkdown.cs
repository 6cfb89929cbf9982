using System.Globalization;
using System.Text;
using Serverless.Benchmarks.Chunked;

namespace Serverless.Benchmarks.Report;

/// <summary>The <c>chunked</c> verb's section of docs/benchmarks.md, and its console summary.</summary>
internal static class ChunkedMarkdown
{
    /// <summary>The command that reruns these settings (options at their defaults left out).</summary>
    public static string Command(ChunkedSettings s)
    {
        var options = new StringBuilder();
        void Add(string name, double value, double defaultValue)
        {
            if (value != defaultValue)
                options.Append(Invariant($" {name} {value}"));
        }
        if (!s.Workers.SequenceEqual([1, 2, 4, 6, 8]))
            options.Append(" --workers ").Append(string.Join(",", s.Workers));
        Add("--chunk-seconds", s.ChunkSeconds, 15);
        Add("--speech-seconds", s.SpeechSeconds, 120);
        Add("--max-parallel-chunks", s.MaxParallelChunks, 8);
        Add("--load-seconds", s.LoadSeconds, 10);
        Add("--seconds-per-audio-second", s.SecondsPerAudioSecond, 3);
        return $"dotnet run -c Release --project tests/Benchmarks -- chunked{options} --report {s.ReportPath ?? "docs/benchmarks.md"}";
    }

    public static string Summary(ChunkedResults r)
    {
        var text = new StringBuilder();
        foreach (var run in (ChunkedRunResult[])[r.Baseline, .. r.Chunked])
            text.AppendLine(
                Invariant(
                    $"{run.Plan.Name, -9} K = {run.Plan.Workers}: lease → report {run.LatencySeconds, 6:0.0} s, speed-up {r.SpeedUp(run):0.00}×, {run.Chunks?.ToString() ?? "-"} chunk(s), GPU {run.GpuSeconds:0.0} s ({r.GpuRatio(run):0.00}×; simulated GPU alone {r.SimulatedGpuRatio(run):0.00}×), stitch {run.StitchSeconds:0.00} s{(run.Ok ? "" : "  PROBLEMS: " + string.Join("; ", run.Problems))}"
                )
            );
        foreach (var (name, result, met) in Targets(r))
            text.AppendLine($"{(met ? "PASS" : "FAIL")} {name}: {result}");
        text.Append(Invariant($"{r.Elapsed.TotalMinutes:0.0} min in all"));
        return text.ToString();
    }

    public static string Section(ChunkedResults r, string chartFile)
    {
        var s = r.Settings;
        var rows = string.Join("\n", ((ChunkedRunResult[])[r.Baseline, .. r.Chunked]).Select(run => Row(r, run)));
        var gpuRows = string.Join("\n", ((ChunkedRunResult[])[r.Baseline, .. r.Chunked]).Select(run => GpuRow(r, run)));
        var targets = string.Join("\n", Targets(r).Select(t => $"| {t.Name} | {t.Result} | {(t.Met ? "PASS" : "**FAIL**")} |"));
        var problems = ((ChunkedRunResult[])[r.Baseline, .. r.Chunked])
            .Where(run => !run.Ok)
            .Select(run => $"- **{run.Plan.Name}, K = {run.Plan.Workers}**: {string.Join("; ", run.Problems)}")
            .ToList();
        return Invariant(
            $"""
            Rerun (about {Math.Ceiling(r.Elapsed.TotalMinutes):0} min; not part of CI's test command):

            ```bash
            {Command(s)}
            ```

            One supplied-audio job, {r.AudioSeconds:0.00} s of espeak-ng speech (whole sentences with their pauses, padded with
            silence) and `samples/portrait.png`, through a fresh local stack per run (the launcher the end-to-end tests use:
            Azurite, s3rver, the dev backend, the pipeline host and K `render-worker` processes with `RENDER_CONCURRENCY=1`,
            one per GPU). The workers run the fake SadTalker (`tests/FakeSadTalker`, `SADTALKER_ARGS="{ChunkedSettings.SadTalkerArgs}"`)
            in its simulated-GPU mode (`FAKE_SADTALKER_GPU=1`): it sleeps {s.LoadSeconds:0.#} s for the model load and
            {s.SecondsPerAudioSecond:0.#} s per second of speech, so K workers wait like K GPUs even on this machine's
            {Environment.ProcessorCount} cores; its own encode of the frames and the worker's audio preparation, checks,
            transfers and the stitch are real work on those cores, shared by all K workers (on Azure each replica has
            CPUs of its own), which is why SadTalker's crop mode (256 px) keeps that work small. The baseline is the job unsplit (`RENDER_CHUNK_SECONDS=0`)
            on one worker; the chunked runs use `RENDER_CHUNK_SECONDS={s.ChunkSeconds:0.#}` and
            `RENDER_MAX_PARALLEL_CHUNKS={s.MaxParallelChunks}`. The pipeline polls every second; latency is the dev
            backend's leased → reported, so the pickup wait is not in it.

            | target | result | |
            | --- | --- | --- |
            {targets}

            | run | K | chunks | longest chunk | lease → report | ideal | speed-up | renders, first start → last end | stitch | video − audio |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {rows}

            Ideal: lease → report if only the simulated GPU took time, ceil(chunks / K) rounds of load + per-second × the
            longest chunk (the planner's figure in the worker's log). Renders: from the first render request a worker
            started (after the plan) to the last render's end, from the workers' log times. Stitch: the report's
            `stitchMs` (the stitch request's time on its worker: downloads, join, uploads). Video − audio: the published
            MP4's length (ffprobe) minus the speech's.

            | run | K | GPU-s (report) | GPU-s (logs) | ÷ unchunked | simulated GPU-s | ÷ unchunked |
            | --- | --- | --- | --- | --- | --- | --- |
            {gpuRows}

            GPU-s: the report's `gpuSeconds`, the renderer time (prepare + render) summed over the job's renders; "logs"
            sums the same from the render workers' `Rendered with` lines. Simulated GPU-s: what the simulated GPU alone
            slept for those renders (renders × load + per-second × their video seconds, the chunks' crossfade overlaps
            included): the renderer time without the CPU work (the fake's own encode, the worker's preparation) that the
            K workers share on this machine's cores.

            {(
                problems.Count == 0
                    ? "Every run succeeded with SadTalker, split as planned, and its video is as long as the speech."
                    : "\nRuns that went wrong:\n\n" + string.Join("\n", problems)
            )}

            ![Lease → report against the number of render workers]({chartFile})

            {r.Machine} Load average (1, 5, 15 min) before the run: {r.LoadBefore}; after: {r.LoadAfter}. The whole run took
            {r.Elapsed.TotalMinutes:0.0} min.
            """
        );
    }

    public static IEnumerable<(string Name, string Result, bool Met)> Targets(ChunkedResults r)
    {
        var fast = r.SpeedUpRun;
        var judgedOn =
            fast is null ? "no chunked run"
            : fast.Plan.Workers == ChunkedResults.TargetWorkers ? ""
            : $" (K = {fast.Plan.Workers}: no run with {ChunkedResults.TargetWorkers})";
        yield return (
            $"lease → report with {ChunkedResults.TargetWorkers} workers ≥ {ChunkedResults.SpeedUpTarget:0}× shorter than unchunked on 1",
            fast is null
                ? "not run"
                : Invariant($"{r.SpeedUp(fast):0.00}× ({r.Baseline.LatencySeconds:0.0} s → {fast.LatencySeconds:0.0} s){judgedOn}"),
            r.SpeedUpMet
        );
        yield return (
            Invariant($"stitch < {ChunkedResults.StitchShareTarget:0%} of the unchunked render ({r.Baseline.GpuSeconds:0.0} s)"),
            Invariant(
                $"worst {r.WorstStitchShare:0.0%} ({r.Chunked.Select(c => c.StitchSeconds).DefaultIfEmpty(double.NaN).Max():0.00} s)"
            ),
            r.StitchMet
        );
        yield return (
            Invariant($"GPU-seconds of the chunked job ≤ {ChunkedResults.GpuRatioTarget}× the unchunked job's"),
            Invariant(
                $"worst {r.WorstGpuRatio:0.00}× ({r.Chunked.Select(c => c.GpuSeconds).DefaultIfEmpty(double.NaN).Max():0.0} s against {r.Baseline.GpuSeconds:0.0} s)"
            ),
            r.GpuMet
        );
        yield return (
            "every run valid: succeeded with SadTalker, split as planned, video as long as the speech",
            r.RunsOk ? "yes" : "no: see below",
            r.RunsOk
        );
    }

    private static string Row(ChunkedResults r, ChunkedRunResult run) =>
        Invariant(
            $"| {run.Plan.Name} | {run.Plan.Workers} | {run.Chunks?.ToString() ?? "1"} | {Seconds(run.Logs?.LongestChunkSeconds, "0.00")} | **{run.LatencySeconds:0.0} s** | {r.IdealSeconds(run):0.0} s | {r.SpeedUp(run):0.00}× | {Seconds(run.Logs?.RenderSpanSeconds, "0.0")} | {(run.Plan.Split ? Seconds(run.StitchSeconds, "0.00") : "")} | {run.VideoMinusAudio * 1000:+0;-0;0} ms |"
        );

    private static string GpuRow(ChunkedResults r, ChunkedRunResult run) =>
        Invariant(
            $"| {run.Plan.Name} | {run.Plan.Workers} | {run.Report?.GpuSeconds:0.0} | {run.Logs?.GpuSeconds:0.0} | {r.GpuRatio(run):0.00}× | {r.SimulatedGpuSeconds(run):0.0} | {r.SimulatedGpuRatio(run):0.00}× |"
        );

    private static string Seconds(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + " s" : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
