using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Benchmarks.Media;
using Serverless.Benchmarks.Report;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Media;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks;

/// <summary>
/// The ffmpeg fallback (through the real VideoRenderer: validation, rendering, verification, poster) against the
/// old worker's one ffmpeg command, alternately on the same ~36 s espeak-ng clip and samples/portrait.png.
/// </summary>
internal static class FallbackBenchmark
{
    public static System.CommandLine.Command Command()
    {
        var runs = new Option<int>("--runs") { Description = "Runs of each renderer.", DefaultValueFactory = _ => 5 };
        var report = new Option<string?>("--report") { Description = "Markdown file to write the results section into." };
        var command = new System.CommandLine.Command("fallback", "Fallback render speed against the old worker's ffmpeg command.")
        {
            runs,
            report,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(runs), parse.GetValue(report), ct));
        return command;
    }

    private static async Task<int> RunAsync(int runs, string? reportPath, CancellationToken cancellationToken)
    {
        var result = await MeasureAsync(runs, cancellationToken);
        Console.WriteLine(result.Summary());
        if (reportPath is not null)
            await WriteReportAsync(reportPath, result, cancellationToken);
        return result.MeetsTargets ? 0 : 1;
    }

    public static async Task WriteReportAsync(string reportPath, FallbackResult result, CancellationToken cancellationToken) =>
        await BenchmarkReport.WriteSectionAsync(
            reportPath,
            BenchmarkReport.FallbackHeading,
            result.Markdown(await BenchmarkReport.MachineAsync(cancellationToken))
        );

    /// <summary>Alternating runs of both renderers; throws if the fallback misses any output guarantee.</summary>
    public static async Task<FallbackResult> MeasureAsync(int runs, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("bench-fallback-").FullName;
        var audio = await SpeechSample.CreateAsync(Path.Combine(dir, "speech.wav"), cancellationToken);
        var seconds = (await Ffprobe.ProbeAsync(audio, cancellationToken)).DurationSec;

        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(
                new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["WORK_DIR"] = Path.Combine(dir, "work") })
                    .Build()
            )
            .AddLogging()
            .AddRenderEngine()
            .BuildServiceProvider();
        var renderer = services.GetRequiredService<IVideoRenderer>();
        var input = new RenderInput
        {
            ImagePath = RepoPaths.SamplePortrait,
            AudioPath = audio,
            VideoPath = Path.Combine(dir, "new.mp4"),
            PosterPath = Path.Combine(dir, "new.jpg"),
            Renderer = RendererChoice.Ffmpeg,
        };
        var oldOutput = Path.Combine(dir, "old.mp4");

        await renderer.RenderAsync(input, cancellationToken); // warm-up (JIT, page cache)
        var ours = new List<double>();
        var old = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await renderer.RenderAsync(input, cancellationToken); // throws if any guarantee is not met
            ours.Add(clock.Elapsed.TotalSeconds);

            clock.Restart();
            await OldWorkerCommands.RenderAsync(RepoPaths.SamplePortrait, audio, oldOutput, cancellationToken);
            old.Add(clock.Elapsed.TotalSeconds);
        }

        var header = ImageHeader.Read(await File.ReadAllBytesAsync(RepoPaths.SamplePortrait, cancellationToken))!;
        var problems = await IndependentCheck.ProblemsAsync(
            services.GetRequiredService<MediaProbe>(),
            input.VideoPath,
            seconds,
            (double)header.Width / header.Height,
            cancellationToken
        );
        var ssim = await SsimAsync(input.VideoPath, cancellationToken);
        Directory.Delete(dir, recursive: true);
        return new FallbackResult(seconds, runs, Median(ours), Median(old), ssim, problems);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>SSIM of every frame against the portrait, averaged: the looped stream must not drift.</summary>
    private static async Task<double> SsimAsync(string video, CancellationToken ct)
    {
        var result = await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-i",
                video,
                "-i",
                RepoPaths.SamplePortrait,
                "-lavfi",
                "[1:v][0:v]scale2ref[ref][vid];[vid]format=yuv420p[a];[ref]format=yuv420p[b];[a][b]ssim",
                "-f",
                "null",
                "-",
            ])
            .ExecuteBufferedAsync(ct);
        var line = result.StandardError.Split('\n').Last(l => l.Contains("SSIM", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf("All:", StringComparison.Ordinal) + 4)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
