using System.Diagnostics;
using Serverless.DevBackend;
using Serverless.RenderEngine.Media;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Chunked;

/// <summary>
/// One run: a fresh local stack (StackLauncher) with K render workers, one supplied-audio job of the long speech
/// and the sample portrait, then the report, the render workers' logs and the published video. Never throws for
/// what the system under test did: a failed job, a timeout or a wrong video become the run's problems.
/// </summary>
internal static class ChunkedRun
{
    public static async Task<ChunkedRunResult> RunAsync(
        ChunkedSettings settings,
        RunPlan plan,
        string speech,
        double audioSeconds,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        var runDir = Directory.CreateTempSubdirectory($"bench-chunked-{plan.Name}-k{plan.Workers}-").FullName;
        var result = new ChunkedRunResult
        {
            Plan = plan,
            AudioSeconds = audioSeconds,
            LogsDir = Path.Combine(runDir, "logs"),
            Wall = TimeSpan.Zero,
        };
        Console.WriteLine($"{plan.Name}, K = {plan.Workers}: starting the stack in {runDir}...");
        StackLauncher? stack = null;
        try
        {
            stack = await StackLauncher.StartAsync(
                new StackLaunchSettings
                {
                    RunDirectory = runDir,
                    RenderWorkers = plan.Workers,
                    Common = settings.StackEnvironment(plan.ChunkSeconds),
                    RenderWorker = settings.RenderWorkerEnvironment(Path.Combine(runDir, "work", "render")),
                }
            );
            var id = await stack.Backend.QueueAsync(
                new NewJobRequest(ImagePath: RepoPaths.SamplePortrait, AudioPath: speech, VoiceId: "en_female_1", User: "bench"),
                cancellationToken
            );
            var job = (await stack.Backend.WaitForAllAsync([id], settings.JobTimeout, cancellationToken))[0];
            var report = ReportedRender.From(job);
            result = result with
            {
                PickupSeconds = job.LeasedAt is { } leased ? (leased - job.CreatedAt).TotalSeconds : double.NaN,
                LatencySeconds = job is { LeasedAt: { } l, FinishedAt: { } f } ? (f - l).TotalSeconds : double.NaN,
                Report = report,
                ReportCount = job.ReportCount,
            };
            if (report.Status == "succeeded")
                result = result with
                {
                    VideoSeconds = (await PublishedVideo.ProbeAsync(stack.Backend, id, runDir, cancellationToken)).DurationSec,
                };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = result with { Problems = [$"{ex.GetType().Name}: {ex.Message}"] };
        }
        finally
        {
            if (stack is not null)
                await stack.DisposeAsync();
        }

        result = result with { Logs = RenderWorkerLogs.Read(result.LogsDir), Wall = clock.Elapsed };
        result = result with { Problems = [.. result.Problems, .. Problems(result)] };
        if (result.Ok)
            Directory.Delete(Path.Combine(runDir, "work"), recursive: true);
        Console.WriteLine(Describe(result));
        return result;
    }

    /// <summary>What makes a finished run not a fair measure of the plan it was meant to run.</summary>
    private static IEnumerable<string> Problems(ChunkedRunResult r)
    {
        if (r.Report is not { } report)
            yield break;
        if (report.Status != "succeeded")
        {
            yield return $"the job {report.Status}: {report.Error}";
            yield break;
        }
        if (r.ReportCount != 1)
            yield return $"the job was reported {r.ReportCount} times";
        if (!string.Equals(report.Renderer, "sadtalker", StringComparison.OrdinalIgnoreCase))
            yield return $"rendered by {report.Renderer ?? "an unnamed renderer"}, not SadTalker (fallback reason: {report.FallbackReason ?? "none given"})";
        if (report.FallbackReason is { } reason)
            yield return $"fell back: {reason}";
        if (report.GpuSeconds is null)
            yield return "the report has no gpuSeconds (the logs' figure is used)";
        var expected = r.Plan.Split ? (int)Math.Ceiling(r.AudioSeconds / r.Plan.ChunkSeconds) : 1;
        if (r.Plan.Split && report.Chunks != expected)
            yield return $"the report says {report.Chunks?.ToString() ?? "no"} chunks, expected {expected}";
        if (r.Plan.Split && report.StitchMs is null)
            yield return "the report has no stitchMs (the logs' figure is used)";
        if (!r.Plan.Split && report.Chunks is > 1)
            yield return $"split into {report.Chunks} chunks with RENDER_CHUNK_SECONDS=0";
        if (Math.Abs(r.VideoMinusAudio) > OutputVerifier.DurationTolerance || double.IsNaN(r.VideoMinusAudio))
            yield return $"the video lasts {r.VideoSeconds:0.000} s, the audio {r.AudioSeconds:0.000} s";
    }

    private static string Describe(ChunkedRunResult r) =>
        FormattableString.Invariant(
            $"  {r.Plan.Name}, K = {r.Plan.Workers}: lease → report {r.LatencySeconds:0.0} s (pickup {r.PickupSeconds:0.0} s), {r.Chunks?.ToString() ?? "no"} chunk(s), GPU {r.GpuSeconds:0.0} s (logs {r.Logs?.GpuSeconds:0.0} s over {r.Logs?.Renders} render(s) of {r.Logs?.RenderedVideoSeconds:0.00} s of video, renders {r.Logs?.RenderSpanSeconds:0.0} s first start → last end), stitch {r.StitchSeconds:0.00} s, video − audio {r.VideoMinusAudio * 1000:0} ms, renderer {r.Report?.Renderer}; {r.Wall.TotalSeconds:0} s in all"
        ) + (r.Ok ? "" : $"\n  PROBLEMS: {string.Join("; ", r.Problems)} (logs: {r.LogsDir})");
}
