using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.RenderEngine;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks;

/// <summary>
/// The ffmpeg fallback (through the real VideoRenderer: validation, rendering, verification, poster) against the
/// old worker's one ffmpeg command, alternately on the same ~36 s espeak-ng clip and samples/portrait.png.
/// </summary>
internal static class FallbackBenchmark
{
    private const string SampleText =
        "Welcome to the talking head pipeline. This clip is spoken by espeak, the offline voice, so that the benchmark "
        + "runs anywhere. The portrait stays still while the speech plays, which is exactly what the fallback renderer "
        + "produces when no GPU is available. We measure how long it takes to turn this speech and the portrait into "
        + "a video that meets every guarantee: H.264, AAC, twenty five frames per second, fast start, and a duration "
        + "equal to the speech. The old worker encoded every single frame of the still image. The new renderer encodes "
        + "one second once and repeats it by copying, so its cost hardly grows with the length of the speech.";

    public static System.CommandLine.Command Command()
    {
        var runs = new Option<int>("--runs") { Description = "Runs of each renderer.", DefaultValueFactory = _ => 5 };
        var report = new Option<string?>("--report") { Description = "Markdown file to write the results section into." };
        var command = new System.CommandLine.Command("fallback", "Fallback render speed against the old worker's ffmpeg command.") { runs, report };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(runs), parse.GetValue(report), ct));
        return command;
    }

    private static async Task<int> RunAsync(int runs, string? reportPath, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("bench-fallback-").FullName;
        var audio = Path.Combine(dir, "speech.wav");
        await Cli.Wrap("espeak-ng").WithArguments(["-w", audio, SampleText]).ExecuteBufferedAsync(cancellationToken);
        var seconds = await DurationAsync(audio, cancellationToken);

        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["WORK_DIR"] = Path.Combine(dir, "work") }).Build())
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
            await Cli.Wrap("ffmpeg")
                .WithArguments(
                [
                    "-v", "error", "-y", "-loop", "1", "-i", RepoPaths.SamplePortrait, "-i", audio,
                    "-c:v", "libx264", "-tune", "stillimage", "-pix_fmt", "yuv420p", "-vf", "scale='min(1080,iw)':-2",
                    "-c:a", "aac", "-b:a", "192k", "-shortest", oldOutput,
                ])
                .ExecuteBufferedAsync(cancellationToken);
            old.Add(clock.Elapsed.TotalSeconds);
        }

        var ssim = await SsimAsync(input.VideoPath, cancellationToken);
        var (oursMedian, oldMedian) = (Median(ours), Median(old));
        var result = new FallbackResult(seconds, runs, oursMedian, oldMedian, ssim);
        Console.WriteLine(result.Summary());
        if (reportPath is not null)
            await BenchmarkReport.WriteSectionAsync(reportPath, "## Fallback render speed", result.Markdown(await BenchmarkReport.MachineAsync(cancellationToken)));
        Directory.Delete(dir, recursive: true);
        return result.MeetsTargets ? 0 : 1;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> DurationAsync(string path, CancellationToken ct)
    {
        var probe = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path])
            .ExecuteBufferedAsync(ct);
        return double.Parse(probe.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<double> SsimAsync(string video, CancellationToken ct)
    {
        var result = await Cli.Wrap("ffmpeg")
            .WithArguments(
                ["-i", video, "-i", RepoPaths.SamplePortrait, "-lavfi", "[1:v][0:v]scale2ref[ref][vid];[vid]format=yuv420p[a];[ref]format=yuv420p[b];[a][b]ssim",
                 "-frames:v", "1", "-f", "null", "-"])
            .ExecuteBufferedAsync(ct);
        var line = result.StandardError.Split('\n').Last(l => l.Contains("SSIM", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf("All:", StringComparison.Ordinal) + 4)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
