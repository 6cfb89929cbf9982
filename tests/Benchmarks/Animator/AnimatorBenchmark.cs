using System.CommandLine;
using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Benchmarks.Media;
using Serverless.Benchmarks.Report;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Media;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Animator;

/// <summary>
/// The CPU animator beside the still image, in one run: real-time factors for a 512 px and a 1080 px portrait on
/// the ~37 s espeak-ng clip, the render worker's peak memory for 30 s and 600 s of speech, and the frame strip and
/// GIF of the demo's video that docs/ shows.
/// </summary>
internal static class AnimatorBenchmark
{
    public static System.CommandLine.Command Command()
    {
        var runs = new Option<int>("--runs") { Description = "Runs of each renderer and size.", DefaultValueFactory = _ => 3 };
        var report = new Option<string?>("--report") { Description = "Markdown file to write the results section into." };
        var command = new System.CommandLine.Command("animator", "CPU animator speed, memory and frames beside the still image.")
        {
            runs,
            report,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(runs), parse.GetValue(report), ct));
        return command;
    }

    private static async Task<int> RunAsync(int runs, string? reportPath, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("bench-animator-").FullName;
        try
        {
            var result = await MeasureAsync(
                runs,
                dir,
                reportPath is null ? dir : Path.GetDirectoryName(Path.GetFullPath(reportPath))!,
                cancellationToken
            );
            Console.WriteLine(result.Summary());
            if (reportPath is not null)
                await BenchmarkReport.WriteSectionAsync(
                    reportPath,
                    BenchmarkReport.AnimatorHeading,
                    result.Markdown(await BenchmarkReport.MachineAsync(cancellationToken))
                );
            return result.MeetsTargets ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<AnimatorResult> MeasureAsync(int runs, string dir, string docsDir, CancellationToken cancellationToken)
    {
        var audio = await SpeechSample.CreateAsync(Path.Combine(dir, "speech.wav"), cancellationToken);
        var seconds = (await Ffprobe.ProbeAsync(audio, cancellationToken)).DurationSec;
        var large = await ScaledPortraitAsync(1080, Path.Combine(dir, "portrait-1080.png"), cancellationToken);

        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([]).Build())
            .AddLogging()
            .AddRenderEngine()
            .BuildServiceProvider();
        var renderer = services.GetRequiredService<IVideoRenderer>();
        var probe = services.GetRequiredService<MediaProbe>();

        var speeds = new List<RendererSpeed>();
        foreach (var (portrait, side) in new[] { (RepoPaths.SamplePortrait, 512), (large, 1080) })
        {
            var animated = Input(portrait, audio, Path.Combine(dir, $"animator-{side}"), RendererChoice.Animator);
            var still = Input(portrait, audio, Path.Combine(dir, $"still-{side}"), RendererChoice.Ffmpeg);
            await renderer.RenderAsync(animated, cancellationToken); // warm-up: JIT, models, page cache
            await renderer.RenderAsync(still, cancellationToken);
            var animatorTimes = new List<double>();
            var stillTimes = new List<double>();
            string? usedRenderer = null;
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                usedRenderer = (await renderer.RenderAsync(animated, cancellationToken)).Renderer.ToString();
                animatorTimes.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                await renderer.RenderAsync(still, cancellationToken);
                stillTimes.Add(clock.Elapsed.TotalSeconds);
            }
            var problems = await IndependentCheck.ProblemsAsync(probe, animated.VideoPath, seconds, sourceAspect: 1, cancellationToken);
            speeds.Add(new RendererSpeed(side, usedRenderer!, Median(animatorTimes), Median(stillTimes), problems));
            Console.WriteLine(speeds[^1].Summary(seconds));
        }

        var memory = new List<PeakMemory>();
        foreach (var length in new[] { 30.0, 600.0 })
        {
            var track = await SpeechSample.LoopAsync(audio, length, Path.Combine(dir, $"speech-{length:0}.wav"), cancellationToken);
            memory.Add(
                await PeakMemory.MeasureAsync(
                    RepoPaths.SamplePortrait,
                    track,
                    length,
                    Path.Combine(dir, $"memory-{length:0}"),
                    cancellationToken
                )
            );
            Console.WriteLine(memory[^1].Summary());
        }

        var demo = await FrameStrip.RenderDemoAsync(renderer, dir, cancellationToken);
        await FrameStrip.WriteAsync(demo, docsDir, cancellationToken);
        return new AnimatorResult(seconds, runs, speeds, memory);
    }

    private static RenderInput Input(string portrait, string audio, string stem, RendererChoice choice) =>
        new()
        {
            ImagePath = portrait,
            AudioPath = audio,
            VideoPath = stem + ".mp4",
            PosterPath = stem + ".jpg",
            Renderer = choice,
            ScratchDir = Path.GetDirectoryName(stem),
        };

    /// <summary>The sample portrait upscaled to <paramref name="side"/> px, as a phone photo of a face would be.</summary>
    private static async Task<string> ScaledPortraitAsync(int side, string path, CancellationToken cancellationToken)
    {
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-i", RepoPaths.SamplePortrait, "-vf", $"scale={side}:{side}:flags=lanczos", path])
            .ExecuteBufferedAsync(cancellationToken);
        return path;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
