using CliWrap;
using CliWrap.Buffered;
using Serverless.Benchmarks.Measures;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Animator;

/// <summary>
/// The peak resident memory of one <c>render-worker render --renderer animator</c> process and of its largest
/// ffmpeg child, for one length of speech: the frames are streamed into the encoder, so it must not grow with it.
/// </summary>
internal sealed record PeakMemory(double AudioSeconds, double WorkerMiB, double FfmpegMiB, double WallSeconds, string Renderer)
{
    public static async Task<PeakMemory> MeasureAsync(
        string portrait,
        string audio,
        double audioSeconds,
        string stem,
        CancellationToken cancellationToken
    )
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = Cli.Wrap("dotnet")
            .WithArguments([
                RepoPaths.BuiltProgram("gpu-container/RenderWorker", "render-worker"),
                "render",
                "--image",
                portrait,
                "--audio",
                audio,
                "--out",
                stem + ".mp4",
                "--renderer",
                "animator",
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        await using var sampler = new MemorySampler([run.ProcessId]);
        var result = await run;
        var (peaks, maxChildKb) = await sampler.StopAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"render-worker render failed ({result.ExitCode}): {result.StandardOutput} {result.StandardError}"
            );
        var renderer = System.Text.Json.JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("renderer").GetString() ?? "?";
        return new PeakMemory(audioSeconds, peaks[run.ProcessId] / 1024.0, maxChildKb / 1024.0, started.Elapsed.TotalSeconds, renderer);
    }

    public string Summary() =>
        FormattableString.Invariant(
            $"{AudioSeconds:0} s of speech ({Renderer}): render-worker peak {WorkerMiB:0} MiB, largest ffmpeg child {FfmpegMiB:0} MiB, {WallSeconds:0.0} s"
        );
}
