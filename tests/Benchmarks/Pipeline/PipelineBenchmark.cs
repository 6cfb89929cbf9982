using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Benchmarks.Baseline;
using Serverless.Benchmarks.Measures;
using Serverless.Benchmarks.Media;
using Serverless.Benchmarks.Report;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>
/// The <c>pipeline</c> verb: in one run, the fallback render speed, then the local stack (StackLauncher) against the
/// sequential baseline for throughput, then latency one job at a time, then memory for a short and a long job.
/// </summary>
internal static class PipelineBenchmark
{
    public static System.CommandLine.Command Command()
    {
        Option<int> Int(string name, string description, int value) =>
            new(name) { Description = description, DefaultValueFactory = _ => value };
        var audioJobs = Int("--jobs", "Supplied-audio jobs per throughput batch.", 12);
        var textJobs = Int("--text-jobs", "Text jobs per throughput batch.", 6);
        var workers = Int("--workers", "Render worker processes (K).", 2);
        var latencyJobs = Int("--latency-jobs", "Jobs run one at a time for the latency figures.", 12);
        var poll = Int("--poll-seconds", "The pipeline's poll interval (POLL_SCHEDULE).", 10);
        var longAudio = Int("--long-audio-seconds", "Length of the long job of the memory check.", 600);
        var fallbackRuns = Int("--fallback-runs", "Runs of each renderer in the fallback section (0: keep the section as it is).", 5);
        var report = new Option<string?>("--report") { Description = "Markdown file to rewrite (the chart is written beside it)." };
        var command = new System.CommandLine.Command(
            "pipeline",
            "Throughput, latency and memory of the whole pipeline against a sequential worker."
        )
        {
            audioJobs,
            textJobs,
            workers,
            latencyJobs,
            poll,
            longAudio,
            fallbackRuns,
            report,
        };
        command.SetAction(
            (parse, ct) =>
                RunAsync(
                    new PipelineSettings(
                        parse.GetValue(audioJobs),
                        parse.GetValue(textJobs),
                        parse.GetValue(workers),
                        parse.GetValue(latencyJobs),
                        parse.GetValue(poll),
                        parse.GetValue(longAudio),
                        parse.GetValue(fallbackRuns),
                        parse.GetValue(report)
                    ),
                    ct
                )
        );
        return command;
    }

    private static async Task<int> RunAsync(PipelineSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = BenchmarkReport.LoadAverage();
        Console.WriteLine($"Load average before: {loadBefore}");

        FallbackResult? fallback = null;
        if (settings.FallbackRuns > 0)
        {
            Console.WriteLine("Fallback render speed...");
            fallback = await FallbackBenchmark.MeasureAsync(settings.FallbackRuns, cancellationToken);
            Console.WriteLine("  " + fallback.Summary());
        }

        var dir = Directory.CreateTempSubdirectory("bench-pipeline-").FullName;
        var speech = await SpeechSample.CreateAsync(Path.Combine(dir, "speech.wav"), cancellationToken);
        var longSpeech = await SpeechSample.LoopAsync(speech, settings.LongAudioSeconds, Path.Combine(dir, "long.wav"), cancellationToken);
        var speechSeconds = (await Ffprobe.ProbeAsync(speech, cancellationToken)).DurationSec;
        var audioJob = new BenchJob(RepoPaths.SamplePortrait, speech, null);
        var textJob = new BenchJob(RepoPaths.SamplePortrait, null, SpeechSample.Text);

        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>();

        Console.WriteLine($"Starting the local stack with {settings.Workers} render worker(s)...");
        var stack = await LocalStack.StartAsync(settings);
        PipelineResults results;
        try
        {
            var pipeline = BenchHttp.DevJobs(http, stack.Info.BackendUrl);
            var throughput = new List<ThroughputResult>();
            await using (var baseline = await BaselineSystem.StartAsync(stack.Info, http, Path.Combine(dir, "baseline"), cancellationToken))
            {
                Console.WriteLine("Warming up (one job each, not measured)...");
                await ThroughputRun.RunAsync(Systems.Baseline, baseline.Jobs, audioJob, 1, cancellationToken);
                await ThroughputRun.RunAsync(Systems.Pipeline, pipeline, audioJob, 1, cancellationToken);

                Console.WriteLine("Throughput...");
                foreach (var (job, count) in new[] { (audioJob, settings.AudioJobs), (textJob, settings.TextJobs) })
                {
                    throughput.Add(await ThroughputRun.RunAsync(Systems.Baseline, baseline.Jobs, job, count, cancellationToken));
                    throughput.Add(await ThroughputRun.RunAsync(Systems.Pipeline, pipeline, job, count, cancellationToken));
                }
            }

            Console.WriteLine("Latency, one job at a time...");
            var latency = await LatencyRun.RunAsync(
                pipeline,
                [audioJob, textJob],
                settings.LatencyJobs,
                settings.PollInterval,
                cancellationToken
            );

            Console.WriteLine("Memory...");
            var memory = new List<MemoryResult>
            {
                await MemoryRun.RunAsync(stack.Info, pipeline, audioJob, speechSeconds, cancellationToken),
                await MemoryRun.RunAsync(
                    stack.Info,
                    pipeline,
                    audioJob with
                    {
                        AudioPath = longSpeech,
                    },
                    settings.LongAudioSeconds,
                    cancellationToken
                ),
            };

            results = new PipelineResults
            {
                Machine = await BenchmarkReport.MachineAsync(cancellationToken),
                LoadBefore = loadBefore,
                LoadAfter = BenchmarkReport.LoadAverage(),
                Workers = settings.Workers,
                PollSeconds = settings.PollSeconds,
                AudioJobs = settings.AudioJobs,
                TextJobs = settings.TextJobs,
                AudioSeconds = speechSeconds,
                Elapsed = clock.Elapsed,
                Throughput = throughput,
                Latency = latency,
                Memory = memory,
            };
        }
        catch
        {
            Console.Error.WriteLine($"The run failed; the stack's logs are in {stack.LogsDir}");
            await stack.DisposeAsync();
            throw;
        }
        await stack.DisposeAsync();
        Directory.Delete(stack.WorkDir, recursive: true);
        Directory.Delete(dir, recursive: true);
        Console.WriteLine($"The stack's logs: {stack.LogsDir}");

        PrintSummary(results);
        if (settings.ReportPath is { } reportPath)
            await WriteReportAsync(reportPath, results, fallback, cancellationToken);
        return results.MeetsTargets && (fallback?.MeetsTargets ?? true) ? 0 : 1;
    }

    private static async Task WriteReportAsync(
        string reportPath,
        PipelineResults results,
        FallbackResult? fallback,
        CancellationToken cancellationToken
    )
    {
        var chart = Path.ChangeExtension(reportPath, null) + "-latency.png";
        LatencyChart.Save(chart, results);
        var keptFallback = await BenchmarkReport.ReadSectionAsync(reportPath, BenchmarkReport.FallbackHeading);
        var findings = await BenchmarkReport.ReadSectionAsync(reportPath, BenchmarkReport.FindingsHeading);
        var otherVerbs = new List<(string Heading, string Body)>();
        foreach (
            var heading in (string[])[BenchmarkReport.ChunkedHeading, BenchmarkReport.AnimatorHeading, BenchmarkReport.CaptionsHeading]
        )
            if (await BenchmarkReport.ReadSectionAsync(reportPath, heading) is { } body)
                otherVerbs.Add((heading, body));
        await File.WriteAllTextAsync(reportPath, PipelineMarkdown.Document(results, Path.GetFileName(chart), fallback));
        if (findings is not null) // written by hand: what the numbers led to
            await BenchmarkReport.WriteSectionAsync(reportPath, BenchmarkReport.FindingsHeading, findings);
        if (fallback is not null)
            await FallbackBenchmark.WriteReportAsync(reportPath, fallback, cancellationToken);
        else if (keptFallback is not null)
            await BenchmarkReport.WriteSectionAsync(reportPath, BenchmarkReport.FallbackHeading, keptFallback);
        foreach (var (heading, body) in otherVerbs) // the chunked and animator verbs' sections and the caption figures, left as they are
            await BenchmarkReport.WriteSectionAsync(reportPath, heading, body);
        Console.WriteLine($"Wrote {reportPath} and {chart}");
    }

    private static void PrintSummary(PipelineResults r) =>
        Console.WriteLine(
            FormattableString.Invariant(
                $"""
                Throughput, supplied audio: pipeline {r.Batch(Systems.Pipeline, "audio").JobsPerMinute:0.0} vs baseline {r.Batch(
                    Systems.Baseline,
                    "audio"
                ).JobsPerMinute:0.0} jobs/min = {r.Ratio("audio"):0.0}x ({(r.ThroughputMet ? "met" : "MISSED")}); text {r.Ratio(
                    "text"
                ):0.0}x
                Pickup p95 {r.PickupP95:0.00} s ({(r.PickupMet ? "met" : "MISSED")}); overhead p50 {r.OverheadP50:0.00} s ({(
                    r.OverheadMet ? "met" : "MISSED"
                )})
                Render worker growth {r.WorkerGrowthMiB:0.0} MiB ({(r.MemoryMet ? "met" : "MISSED")}); {r.Elapsed.TotalMinutes:0.0} min
                """
            )
        );
}
