using Serverless.Benchmarks.Pipeline;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Measures;

internal static class MemoryRun
{
    /// <summary>
    /// Runs <paramref name="job"/> alone and reports the peak RSS of the pipeline host and of the render worker
    /// (the busiest of the K), and of the largest ffmpeg/ffprobe child, which are separate processes.
    /// </summary>
    public static async Task<MemoryResult> RunAsync(
        StackInfo stack,
        DevBackendClient backend,
        BenchJob job,
        double audioSeconds,
        CancellationToken cancellationToken
    )
    {
        await using var sampler = new MemorySampler([stack.PipelineHostPid, .. stack.RenderWorkerPids]);
        var id = await backend.QueueAsync(job.Request, cancellationToken);
        var finished = (await backend.WaitForAllAsync([id], TimeSpan.FromMinutes(10), cancellationToken))[0];
        var latency = JobLatency.From(finished, job.Kind);
        var (peaks, maxChildKb) = await sampler.StopAsync();

        var result = new MemoryResult(
            audioSeconds,
            latency.LeaseToReportSeconds,
            MiB(peaks[stack.PipelineHostPid]),
            MiB(stack.RenderWorkerPids.Max(pid => peaks[pid])),
            MiB(maxChildKb),
            sampler.PeakWasReset
        );
        Console.WriteLine(
            FormattableString.Invariant(
                $"  {audioSeconds:0} s of audio: pipeline host {result.PipelineHostMiB:0} MiB, render worker {result.RenderWorkerMiB:0} MiB, largest ffmpeg child {result.FfmpegMiB:0} MiB (job {result.JobSeconds:0.0} s)"
            )
        );
        return result;
    }

    private static double MiB(long kb) => kb / 1024.0;
}
