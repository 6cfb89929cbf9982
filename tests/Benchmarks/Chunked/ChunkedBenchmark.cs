using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Serverless.Benchmarks.Media;
using Serverless.Benchmarks.Report;

namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// The <c>chunked</c> verb (issue #14): one long supplied-audio job through a fresh local stack per run, first
/// unchunked on one render worker (the baseline), then split into chunks on K = 1, 2, 4, … workers, the fake SadTalker
/// in its simulated-GPU mode on each worker. Latency, speed-up, GPU-seconds, stitch time, chunk count and the video's
/// length against the targets; exits 1 when a target is missed or a run went wrong.
/// </summary>
internal static class ChunkedBenchmark
{
    public static System.CommandLine.Command Command()
    {
        Option<double> Number(string name, string description, double value) =>
            new(name) { Description = description, DefaultValueFactory = _ => value };
        var workers = new Option<IReadOnlyList<int>>("--workers")
        {
            Description = "Render worker counts (K) of the chunked runs, comma-separated.",
            DefaultValueFactory = _ => [1, 2, 4, 6, 8],
            CustomParser = ParseCounts,
        };
        var chunkSeconds = Number("--chunk-seconds", "RENDER_CHUNK_SECONDS of the chunked runs.", 15);
        var speechSeconds = Number("--speech-seconds", "Length of the espeak-ng speech track.", 120);
        var maxParallel = new Option<int>("--max-parallel-chunks")
        {
            Description = "RENDER_MAX_PARALLEL_CHUNKS of the chunked runs.",
            DefaultValueFactory = _ => 8,
        };
        var load = Number("--load-seconds", "The simulated GPU's model load per SadTalker run (FAKE_SADTALKER_LOAD_SECONDS).", 10);
        var perSecond = Number(
            "--seconds-per-audio-second",
            "The simulated GPU's render time per second of speech (FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND).",
            3
        );
        var report = new Option<string?>("--report")
        {
            Description = "Markdown file whose chunked-rendering section is rewritten (the chart is written beside it).",
        };
        var command = new System.CommandLine.Command(
            "chunked",
            "Long speech split into chunks rendered on K simulated GPUs, against one unsplit render."
        )
        {
            workers,
            chunkSeconds,
            speechSeconds,
            maxParallel,
            load,
            perSecond,
            report,
        };
        command.SetAction(
            (parse, ct) =>
                RunAsync(
                    new ChunkedSettings(
                        parse.GetValue(workers)!,
                        parse.GetValue(chunkSeconds),
                        parse.GetValue(speechSeconds),
                        parse.GetValue(maxParallel),
                        parse.GetValue(load),
                        parse.GetValue(perSecond),
                        parse.GetValue(report)
                    ),
                    ct
                )
        );
        return command;
    }

    private static IReadOnlyList<int> ParseCounts(ArgumentResult argument)
    {
        var counts = new List<int>();
        foreach (
            var part in argument.Tokens.SelectMany(t =>
                t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            )
        )
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                counts.Add(k);
            else
                argument.AddError($"'{part}' is not a worker count.");
        }
        return counts;
    }

    private static async Task<int> RunAsync(ChunkedSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Problems().ToList() is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                Console.Error.WriteLine(problem);
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var loadBefore = BenchmarkReport.LoadAverage();
        Console.WriteLine($"Load average before: {loadBefore}");

        var dir = Directory.CreateTempSubdirectory("bench-chunked-").FullName;
        var speech = Path.Combine(dir, "speech.wav");
        var audioSeconds = await LongSpeech.CreateAsync(settings.SpeechSeconds, speech, cancellationToken);
        Console.WriteLine(
            FormattableString.Invariant(
                $"Speech: {audioSeconds:0.00} s; simulated GPU: {settings.LoadSeconds:0.#} s load + {settings.SecondsPerAudioSecond:0.#} s per second of speech"
            )
        );

        var baseline = await ChunkedRun.RunAsync(settings, new RunPlan(1, 0), speech, audioSeconds, cancellationToken);
        var chunked = new List<ChunkedRunResult>();
        foreach (var k in settings.Workers.Distinct().Order())
            chunked.Add(
                await ChunkedRun.RunAsync(settings, new RunPlan(k, settings.ChunkSeconds), speech, audioSeconds, cancellationToken)
            );
        Directory.Delete(dir, recursive: true);

        var results = new ChunkedResults
        {
            Settings = settings,
            Machine = await BenchmarkReport.MachineAsync(cancellationToken),
            LoadBefore = loadBefore,
            LoadAfter = BenchmarkReport.LoadAverage(),
            AudioSeconds = audioSeconds,
            Elapsed = clock.Elapsed,
            Baseline = baseline,
            Chunked = chunked,
        };
        Console.WriteLine(ChunkedMarkdown.Summary(results));
        if (settings.ReportPath is { } reportPath)
        {
            var chart = Path.ChangeExtension(reportPath, null) + "-chunked.png";
            ScalingChart.Save(chart, results);
            await BenchmarkReport.WriteSectionAsync(
                reportPath,
                BenchmarkReport.ChunkedHeading,
                ChunkedMarkdown.Section(results, Path.GetFileName(chart))
            );
            Console.WriteLine($"Wrote {reportPath} and {chart}");
        }
        return results.MeetsTargets ? 0 : 1;
    }
}
