using System.Globalization;
using System.Text;
using Serverless.Benchmarks.Measures;

namespace Serverless.Benchmarks.Report;

/// <summary>docs/benchmarks.md from one <c>pipeline</c> run: summary, throughput, latency (with the chart), memory.</summary>
internal static class PipelineMarkdown
{
    public const string Command = "dotnet run -c Release --project tests/Benchmarks -- pipeline --report docs/benchmarks.md";

    public static string Document(PipelineResults r, string chartFile, FallbackResult? fallback)
    {
        var text = new StringBuilder();
        text.AppendLine(
            Invariant(
                $"""
                # Benchmarks

                Rerun everything below but the chunked-rendering section, which has its own command (about {Math.Ceiling(r.Elapsed.TotalMinutes):0} minutes; not part
                of CI's test command):

                ```bash
                {Command}
                ```

                It starts the local stack with the launcher the end-to-end tests use (the processes `scripts/up.sh` starts:
                Azurite on disk, s3rver, the dev backend, {r.Workers} render-worker processes, the pipeline host with its
                durable state in Azurite; each a real process, on free ports), runs a sequential baseline that behaves
                like the old Python worker on the same kind of jobs, measures, stops the stack, and rewrites this file and
                the chart. Offline: espeak-ng speech, the ffmpeg renderer (no SadTalker here), `samples/portrait.png`.
                The numbers below come from one run of that command.

                {r.Machine} Load average (1, 5, 15 min) before the run: {r.LoadBefore}; after: {r.LoadAfter}. The machine
                is shared with other engineers' builds, so single runs are noisy: treat differences under ~20 % as noise.

                ## Summary

                | measure | result | target | |
                | --- | --- | --- | --- |
                | throughput, supplied-audio jobs, pipeline ÷ baseline | {r.Ratio(
                    "audio"
                ):0.0}× | ≥ {PipelineResults.ThroughputRatioTarget:0}× | {Mark(r.ThroughputMet)} |
                | pickup latency p95 (queued → leased) | {r.PickupP95:0.00} s | ≤ poll interval + 1 s = {r.PickupTargetSeconds:0} s | {Mark(
                    r.PickupMet
                )} |
                | orchestration overhead p50 | {r.OverheadP50:0.00} s | < {PipelineResults.OverheadTargetSeconds:0} s | {Mark(
                    r.OverheadMet
                )} |
                | render worker peak RSS, {Shortest(r).AudioSeconds:0} s → {Longest(r).AudioSeconds:0} s of audio | {Shortest(
                    r
                ).RenderWorkerMiB:0} → {Longest(
                    r
                ).RenderWorkerMiB:0} MiB | no growth with length (≤ {PipelineResults.MemoryGrowthToleranceMiB:0} MiB) | {Mark(
                    r.MemoryMet
                )} |
                {FallbackRows(fallback)}
                """
            )
        );
        foreach (var section in new[] { Throughput(r), Latency(r, chartFile), Memory(r) })
            text.AppendLine().AppendLine(section);
        return text.ToString();
    }

    private static string Throughput(PipelineResults r)
    {
        var rows = string.Join(
            "\n",
            r.Throughput.Select(t =>
                Invariant(
                    $"| {t.System} | {t.Kind} | {t.Jobs.Count} | **{t.JobsPerMinute:0.0}** | {t.JobsPerMinuteFromQueued:0.0} | {P(t.Jobs, j => j.EndToEndSeconds, 50):0.0} / {P(t.Jobs, j => j.EndToEndSeconds, 95):0.0} s | {P(t.Jobs, j => j.RenderSeconds, 50):0.00} s |"
                )
            )
        );
        return Invariant(
            $"""
            ## Throughput

            Each batch is queued at once (the same portrait; supplied audio: the {r.AudioSeconds:0.0} s espeak-ng clip;
            text: the same words spoken by the pipeline's offline TTS). The pipeline runs with {r.Workers} render workers
            (K = {r.Workers} `render-worker` processes with `RENDER_CONCURRENCY=1` each: one process stands for one GPU
            container, which is how the render job scales out in Azure) and the default `MAX_CONCURRENT_JOBS=4` and
            `POLL_SCHEDULE` every {r.PollSeconds:0} s. The baseline leases one job at a time from its own dev backend
            (the same protocol), downloads the inputs (or speaks the text with espeak-ng), converts the audio to 16 kHz
            WAV, renders with the old worker's ffmpeg command, reads the whole MP4 into memory, uploads it to S3, reports,
            and sleeps 4 s when the queue is empty.

            jobs/min is taken over the busy window, first lease → last report; "from queueing" also counts the wait for the
            first pickup (up to one poll interval for the pipeline, up to 4 s for the baseline).

            | system | jobs | count | jobs/min | jobs/min from queueing | end-to-end p50 / p95 | render p50 |
            | --- | --- | --- | --- | --- | --- | --- |
            {rows}

            Pipeline ÷ baseline: **{r.Ratio("audio"):0.0}×** on supplied-audio jobs (target ≥ {PipelineResults.ThroughputRatioTarget:0}×),
            {r.Ratio("text"):0.0}× on text jobs.
            """
        );
    }

    private static string Latency(PipelineResults r, string chartFile)
    {
        var jobs = r.Latency;
        string Row(string name, Func<JobLatency, double> value, IReadOnlyList<JobLatency> set) =>
            Invariant($"| {name} | {P(set, value, 50):0.00} s | {P(set, value, 95):0.00} s | {set.Max(value):0.00} s |");
        var baseline = r.Batch(Systems.Baseline, "audio").Jobs;
        return Invariant(
            $"""
            ## Latency

            {jobs.Count} jobs through the pipeline one at a time, alternating supplied audio and text, each queued after a
            random pause of up to one poll interval so that arrivals fall anywhere in the poll schedule. Timestamps are the
            dev backend's: queued (`createdAt`), leased (`leasedAt`), reported (`finishedAt`). Speech and render come from
            the report's timings (`tts_ms`; `sadtalker_ms`, which includes the audio preparation).
            Overhead = (leased → reported) − speech − render: staging, the durable steps, both queue hops, the downloads
            and uploads of the render worker, publishing and the report.

            | measure | p50 | p95 | max |
            | --- | --- | --- | --- |
            {Row("pickup (queued → leased)", j => j.PickupSeconds, jobs)}
            {Row("end-to-end (queued → reported)", j => j.EndToEndSeconds, jobs)}
            {Row("speech (text jobs)", j => j.SpeechSeconds, [.. jobs.Where(j => j.Kind == "text")])}
            {Row("render", j => j.RenderSeconds, jobs)}
            {Row("**overhead**", j => j.OverheadSeconds, jobs)}
            {Row("overhead, supplied audio", j => j.OverheadSeconds, [.. jobs.Where(j => j.Kind == "audio")])}
            {Row("overhead, text", j => j.OverheadSeconds, [.. jobs.Where(j => j.Kind == "text")])}
            {Row("baseline's overhead, for reference (its audio batch)", j => j.OverheadSeconds, baseline)}

            ![Latency distributions]({chartFile})
            """
        );
    }

    private static string Memory(PipelineResults r)
    {
        var rows = string.Join(
            "\n",
            r.Memory.OrderBy(m => m.AudioSeconds)
                .Select(m =>
                    Invariant(
                        $"| {m.AudioSeconds:0} s | {m.JobSeconds:0.0} s | {m.PipelineHostMiB:0} MiB | {m.RenderWorkerMiB:0} MiB | {m.FfmpegMiB:0} MiB |"
                    )
                )
        );
        var how = r.Memory.All(m => m.PeakWasReset)
            ? "VmHWM from /proc, reset (`clear_refs`) just before each job, so each figure is the peak during that job"
            : "the largest VmRSS sampled every 50 ms during the job (the kernel refused to reset VmHWM)";
        return Invariant(
            $"""
            ## Memory

            One job at a time through the same stack, a short and a long supplied-audio job (the long one is the clip
            looped to {Longest(r).AudioSeconds:0} s; `MAX_INPUT_AUDIO_SECONDS=900` lets it through). Peak resident set size:
            {how}. The render worker's figure is the larger of its {r.Workers} processes; ffmpeg and ffprobe run as
            separate child processes, shown apart (largest child peak).

            | audio | lease → report | pipeline host | render worker | largest ffmpeg child |
            | --- | --- | --- | --- | --- |
            {rows}

            From the short to the long job the render worker's peak changed by {r.WorkerGrowthMiB:+0.0;-0.0;0} MiB and the
            pipeline host's by {HostGrowthMiB(r):+0.0;-0.0;0} MiB. {(r.MemoryMet ? Flat : Grew)}
            """
        );
    }

    private const string Flat =
        "The worker streams the inputs to disk and the outputs from disk, and the fallback encodes one second of video "
        + "and copies it, so nothing the worker holds grows with the video's length; the host stages files the same way.";

    private static double HostGrowthMiB(PipelineResults r) => Longest(r).PipelineHostMiB - Shortest(r).PipelineHostMiB;

    private const string Grew = "**The worker's memory grew with the video's length**: look for a buffer that holds a whole file.";

    private static string FallbackRows(FallbackResult? f) =>
        f is null
            ? "| fallback render speed | see its section below | | |"
            : Invariant(
                $"""
                | fallback render speed, × real time | {f.OursRealTime:0}× | ≥ {FallbackResult.MinRealTimeFactor:0}× | {Mark(
                    f.OursRealTime >= FallbackResult.MinRealTimeFactor
                )} |
                | fallback ÷ old worker's ffmpeg command | {f.Speedup:0.0}× | ≥ {FallbackResult.MinSpeedup:0}× | {Mark(
                    f.Speedup >= FallbackResult.MinSpeedup
                )} |
                """
            );

    private static MemoryResult Shortest(PipelineResults r) => r.Memory.MinBy(m => m.AudioSeconds)!;

    private static MemoryResult Longest(PipelineResults r) => r.Memory.MaxBy(m => m.AudioSeconds)!;

    private static double P(IEnumerable<JobLatency> jobs, Func<JobLatency, double> value, double p) =>
        Percentiles.Of(jobs.Select(value), p);

    private static string Mark(bool met) => met ? "met" : "**missed**";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
