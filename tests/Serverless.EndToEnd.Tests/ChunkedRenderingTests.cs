using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// Chunked rendering (issue #14) through the whole stack: a render worker plans long speech, the orchestration
/// splits it, render workers render the chunks with the fake SadTalker (which moves in every frame, as a real render
/// does), one of them stitches them, and the job is published and reported once, also when a chunk fails, arrives
/// twice, or the pipeline host dies between chunks. Each test restarts the pipeline host with espeak-ng speech and
/// a short chunk limit, so a few sentences make a few chunks, and the workers with a SadTalker that logs its runs.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChunkedRenderingTests(LocalStack stack, ITestOutputHelper output)
{
    /// <summary>About 22 s of espeak-ng speech: 4 chunks at a 6 s limit.</summary>
    private const string LongText =
        "The pipeline splits long speech at its pauses. Each piece is a chunk, and every chunk goes to a card of its own. "
        + "Three workers take the first three chunks at once, and the one that finishes first takes the fourth. "
        + "When every chunk is back, the stitch joins them under the original sound, with a short crossfade at every cut. "
        + "Nobody should see where one chunk ends and the next begins.";

    /// <summary>About 11.5 s of espeak-ng speech: 3 chunks at a 5 s limit.</summary>
    private const string ShortText =
        "A short story in three parts. The first part is rendered while the others wait their turn. "
        + "Then the second part follows, and after it the third. At the end, the stitch joins them into one video.";

    private const string NoFace = "SadTalker could not find a face in the portrait.";

    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromSeconds(150);

    [Fact(Timeout = 300_000)]
    public async Task Long_speech_is_rendered_in_chunks_by_three_workers_at_once_and_stitched_into_one_video_with_no_frozen_or_black_frame_at_any_cut()
    {
        using var runs = new SadTalkerRuns();
        // Each run holds its "GPU" for 3 s at least, so that the three workers surely overlap on a loaded machine.
        var worker = With(
            runs.WorkerSettings(),
            ("RENDER_CONCURRENCY", "1"),
            ("FAKE_SADTALKER_GPU", "1"),
            ("FAKE_SADTALKER_LOAD_SECONDS", "3"),
            ("FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND", "0")
        );
        await using (await ChunkedStackAsync(chunkSeconds: 6, worker, workers: 3))
        {
            var jobId = await stack.QueueTextJobAsync(LongText);
            var (layout, job) = await RunAsync(jobId);

            var report = JobAssert.Succeeded(job);
            Assert.InRange(layout.Count, 3, 4);
            AssertChunked(report, layout);
            var frames = await AssertVideoAsync(jobId, report, layout.DurationSec);
            AssertMovingAndLitAroundCuts(frames, layout);

            var all = runs.Read();
            AssertEachChunkRenderedOnce(all, layout);
            var (most, workers) = SadTalkerRuns.MostAtOnce(all);
            output.WriteLine($"{all.Count} SadTalker runs, at most {most} at once, on {workers.Count} workers");
            Assert.Equal(3, most);
            Assert.Equal(3, workers.Count);
            Assert.Subset(stack.RenderWorkers.Select(w => w.ProcessId).ToHashSet(), all.Select(r => r.WorkerPid).ToHashSet());
            // The chunks were rendered for stitching: the stitch copied their bodies and encoded only the cross-fades.
            Assert.Contains(
                stack.RenderWorkers,
                w =>
                    Regex.IsMatch(
                        w.Output,
                        $@"Job {jobId}: stitched {layout.Count} chunks into [\d.]+ s \(bodies copied, cross-fades encoded\)"
                    )
            );
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_chunk_whose_SadTalker_run_crashes_once_is_rendered_again_by_itself_and_the_job_succeeds_with_SadTalker()
    {
        var fault = stack.Faults.Inject("SadTalker crashing once in one chunk of a split job");
        using var runs = new SadTalkerRuns();
        // One delivery: the worker answers the crash instead of retrying it itself, so the orchestration asks again.
        var worker = With(runs.WorkerSettings(failRuns: "1", failMode: "crash"), ("RENDER_MAX_DELIVERIES", "1"));
        await using (await ChunkedStackAsync(chunkSeconds: 5, worker))
        {
            var jobId = await stack.QueueTextJobAsync(ShortText);
            var (layout, job) = await RunAsync(jobId);

            var report = JobAssert.Succeeded(job);
            AssertChunked(report, layout);
            await AssertVideoAsync(jobId, report, layout.DurationSec);
            Assert.Contains($"Job {jobId} of render-{jobId} failed: crash: ", stack.RenderWorker.Output);

            var all = runs.Read();
            var crashed = Assert.Single(all, r => !r.Rendered);
            Assert.Equal((1, "RuntimeError"), (crashed.Number, crashed.Outcome));
            AssertEachChunkRenderedOnce([.. all.Where(r => r.Rendered)], layout);
            // Rendered again: the crashed chunk's audio, once more; no other chunk twice.
            Assert.Single(all, r => r.Rendered && r.AudioMd5 == crashed.AudioMd5);
            var requested = Regex
                .Matches(stack.PipelineHost.Output, $@"Requested chunk (\d+) of {layout.Count} of job {jobId}")
                .GroupBy(m => m.Groups[1].Value)
                .Select(g => g.Count())
                .Order()
                .ToList();
            Assert.Equal([.. Enumerable.Repeat(1, layout.Count - 1), 2], requested);
        }
        stack.Faults.Survived(fault);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_chunk_in_which_SadTalker_finds_no_face_sends_the_whole_job_to_the_animator()
    {
        var fault = stack.Faults.Inject("SadTalker finding no face in one chunk of a split job");
        using var runs = new SadTalkerRuns();
        await using (await ChunkedStackAsync(chunkSeconds: 5, runs.WorkerSettings(failRuns: "2", failMode: "no_face")))
        {
            var jobId = await stack.QueueTextJobAsync(ShortText);
            var (layout, job) = await RunAsync(jobId);

            var report = JobAssert.Succeeded(job);
            Assert.Equal("animator", report.Output!.Renderer);
            Assert.Matches(
                $"^no_face: Chunk [1-{layout.Count}] of {layout.Count} failed: {Regex.Escape(NoFace)}$",
                report.Output.FallbackReason
            );
            Assert.Null(report.Output.Chunks);
            await AssertVideoAsync(jobId, report, layout.DurationSec);
            Assert.Contains(runs.Read(), r => r.Number == 2 && r.Outcome == "TypeError"); // raise of a str, as SadTalker's croper does
        }
        stack.Faults.Survived(fault);
    }

    [Fact(Timeout = 300_000)]
    public async Task With_FORCE_SADTALKER_a_chunk_in_which_SadTalker_finds_no_face_fails_the_job_with_that_chunk_named()
    {
        var fault = stack.Faults.Inject("SadTalker finding no face in one chunk of a split job, FORCE_SADTALKER=true");
        using var runs = new SadTalkerRuns();
        var force = new Dictionary<string, string?> { ["FORCE_SADTALKER"] = "true" };
        var worker = With(runs.WorkerSettings(failRuns: "2", failMode: "no_face"), ("FORCE_SADTALKER", "true"));
        await using (await ChunkedStackAsync(chunkSeconds: 5, worker, pipeline: force))
        {
            var jobId = await stack.QueueTextJobAsync(ShortText);
            // The job fails within a second of the split and its chunk audio is cleaned up: only the plan is read.
            var count = await PlannedChunksAsync(jobId);
            var job = await stack.WaitForEndAsync(jobId, s_jobTimeout);

            var report = JobAssert.Failed(job, "no_face", $" of {count} failed: {NoFace}");
            Assert.Matches($"^no_face: Chunk [1-{count}] of {count} failed: ", report.Error);
            Assert.DoesNotContain($"Job {jobId} falls back", stack.PipelineHost.Output, StringComparison.Ordinal);
        }
        stack.Faults.Survived(fault);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_chunk_result_and_a_chunk_request_delivered_twice_change_nothing_and_no_chunk_is_rendered_twice()
    {
        var twiceResult = stack.Faults.Inject("a chunk result delivered twice");
        var twiceRequest = stack.Faults.Inject("a chunk request delivered twice after its chunk was rendered");
        using var runs = new SadTalkerRuns();
        // One render at a time: while it renders the first chunk, the other chunks' requests wait in the queue.
        await using (await ChunkedStackAsync(chunkSeconds: 5, With(runs.WorkerSettings(), ("RENDER_CONCURRENCY", "1"))))
        {
            var requests = new QueueClient(stack.Azurite.ConnectionString, RenderQueues.Requests);
            var results = new QueueClient(stack.Azurite.ConnectionString, RenderQueues.Results);
            var jobId = await stack.QueueTextJobAsync(ShortText);
            var count = await PlannedChunksAsync(jobId);
            using var objects = new ChunkObjects(stack.S3, jobId);
            // The next one the worker takes: its copy, sent once it is rendered, comes before the last chunk's result.
            var waiting = await Eventually.ValueAsync(
                async () =>
                    (await requests.PeekMessagesAsync(32))
                        .Value.Select(m => new WaitingChunk(
                            m.Body.ToString(),
                            RenderQueueJson.Deserialize<RenderRequest>(m.Body.ToString())
                        ))
                        .FirstOrDefault(r => r.Request.JobId == jobId && r.Request.Chunk is not null),
                s_jobTimeout,
                $"a chunk request of job {jobId} waiting in {RenderQueues.Requests}"
            );
            var layout = await objects.WaitForLayoutAsync(count, s_jobTimeout);

            // The first chunk is rendered: its result arrives a second time, while the other chunks still render.
            var first = (
                await Eventually.ValueAsync(
                    async () => await objects.VideosAsync() is [var index, ..] ? new[] { index } : null,
                    s_jobTimeout,
                    $"the first chunk video of job {jobId}"
                )
            )[0];
            await results.SendMessageAsync(
                RenderQueueJson.Serialize(
                    new RenderResult
                    {
                        InstanceId = waiting.Request.InstanceId,
                        JobId = jobId,
                        Status = RenderStatus.Succeeded,
                        Renderer = Renderer.SadTalker,
                        DurationSec = layout.ChunkSeconds.ElementAt(first),
                        DeliveryCount = 1,
                        ChunkIndex = first,
                        ChunkCount = count,
                    }
                )
            );
            // A waiting chunk is rendered: its request comes again (a sender's retry); the worker finds its video.
            var again = waiting.Request.Chunk!.Index;
            await Eventually.TrueAsync(async () => (await objects.VideosAsync()).Contains(again), s_jobTimeout, $"chunk video {again}");
            await requests.SendMessageAsync(waiting.Body);

            var job = await stack.WaitForEndAsync(jobId, s_jobTimeout);
            var report = JobAssert.Succeeded(job);
            AssertChunked(report, layout);
            Assert.Contains($"Job {jobId} ignored a render result: chunk {first} is already rendered", stack.PipelineHost.Output);
            await stack.RenderWorker.WaitForOutputAsync(
                $"Job {jobId}: chunk {again} of {count} was already rendered",
                TimeSpan.FromSeconds(30)
            );
            AssertEachChunkRenderedOnce(runs.Read(), layout);
            await AssertVideoAsync(jobId, report, layout.DurationSec);
        }
        stack.Faults.Survived(twiceResult);
        stack.Faults.Survived(twiceRequest);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_pipeline_host_killed_between_chunks_resumes_the_job_without_rendering_any_chunk_twice()
    {
        var fault = stack.Faults.Inject("pipeline host SIGKILLed between the chunks of a split job");
        using var runs = new SadTalkerRuns();
        // One chunk at a time: each next chunk is asked for only once the one before is back.
        var oneAtATime = new Dictionary<string, string?> { ["RENDER_MAX_PARALLEL_CHUNKS"] = "1" };
        await using (var chunked = await ChunkedStackAsync(chunkSeconds: 5, runs.WorkerSettings(), pipeline: oneAtATime))
        {
            var jobId = await stack.QueueTextJobAsync(ShortText);
            var count = await PlannedChunksAsync(jobId);
            using var objects = new ChunkObjects(stack.S3, jobId);
            var layout = await objects.WaitForLayoutAsync(count, s_jobTimeout);
            await Eventually.TrueAsync(async () => (await objects.VideosAsync()).Count > 0, s_jobTimeout, "the first chunk video");

            await stack.PipelineHost.KillAsync();
            var rendered = await objects.VideosAsync();
            output.WriteLine($"Killed with chunk videos [{string.Join(", ", rendered)}] of {count} uploaded.");
            Assert.InRange(rendered.Count, 1, count - 1);
            var restarted = DateTime.UtcNow;
            await stack.PipelineHost.StartAsync(chunked.HostSettings);

            var job = await stack.WaitForEndAsync(jobId, s_jobTimeout);
            output.WriteLine($"Reported {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the pipeline host was started again.");
            var report = JobAssert.Succeeded(job);
            AssertChunked(report, layout);
            AssertEachChunkRenderedOnce(runs.Read(), layout);
            await AssertVideoAsync(jobId, report, layout.DurationSec);
        }
        stack.Faults.Survived(fault);
    }

    /// <summary>Waits for the job's plan, its chunk audio and its report.</summary>
    private async Task<(ChunkLayout Layout, Job Job)> RunAsync(string jobId)
    {
        var count = await PlannedChunksAsync(jobId);
        using var objects = new ChunkObjects(stack.S3, jobId);
        var layout = await objects.WaitForLayoutAsync(count, s_jobTimeout);
        output.WriteLine(
            $"Job {jobId}: {layout.DurationSec:0.000} s in {count} chunks, cut at {string.Join(", ", layout.CutSeconds.Select(s => $"{s:0.00}"))} s"
        );
        return (layout, await stack.WaitForEndAsync(jobId, s_jobTimeout));
    }

    /// <summary>The number of chunks a render worker planned the job's speech as (its log line).</summary>
    private async Task<int> PlannedChunksAsync(string jobId)
    {
        var planned = new Regex($@"Job {jobId}: [0-9.]+ s of speech planned as (\d+) chunks");
        var match = await Eventually.ValueAsync(
            () => Task.FromResult(stack.RenderWorkers.Select(w => planned.Match(w.Output)).FirstOrDefault(m => m.Success)),
            s_jobTimeout,
            $"a render worker to plan job {jobId}"
        );
        return int.Parse(match.Groups[1].Value);
    }

    private static void AssertChunked(JobReport report, ChunkLayout layout)
    {
        Assert.Equal("sadtalker", report.Output!.Renderer);
        Assert.Equal(layout.Count, report.Output.Chunks);
        Assert.Null(report.Output.FallbackReason);
        Assert.True(report.Output.GpuSeconds > 0, $"gpuSeconds {report.Output.GpuSeconds}");
        Assert.True(report.Output.StitchMs > 0, $"stitchMs {report.Output.StitchMs}");
    }

    /// <summary>As many successful runs as chunks, each with the audio of a different chunk, and no other run.</summary>
    private static void AssertEachChunkRenderedOnce(IReadOnlyList<SadTalkerRun> runs, ChunkLayout layout)
    {
        Assert.All(runs, r => Assert.True(r.Rendered, $"SadTalker run {r.Number} ended {r.Outcome ?? "never"}"));
        Assert.Equal(layout.Count, runs.Select(r => r.AudioMd5).Distinct().Count());
        Assert.Equal(
            layout.ChunkSeconds.Select(s => Math.Round(s, 3)).Order(),
            runs.Select(r => Math.Round(r.AudioSeconds ?? 0, 3)).Order()
        );
    }

    /// <summary>The published video plays as long as its audio and the speech, and has the frames that long.</summary>
    private async Task<IReadOnlyList<byte[]>> AssertVideoAsync(string jobId, JobReport report, double speechSec)
    {
        Assert.InRange(report.Output!.DurationSec, speechSec - 0.1, speechSec + 0.1);
        var (video, frames) = await PublishedVideo.PlayFramesAsync(await stack.Backend.VideoUrlAsync(jobId));
        var (videoSec, audioSec) = (video.DurationOf("video"), video.DurationOf("audio"));
        output.WriteLine(
            $"Published: video {videoSec:0.000} s, audio {audioSec:0.000} s, {frames.Count} frames; speech {speechSec:0.000} s"
        );
        Assert.NotNull(videoSec);
        Assert.NotNull(audioSec);
        Assert.InRange(videoSec.Value, audioSec.Value - 0.1, audioSec.Value + 0.1);
        Assert.InRange(audioSec.Value, speechSec - 0.1, speechSec + 0.1);
        Assert.InRange(frames.Count, (int)Math.Floor(speechSec * 25), (int)Math.Ceiling(speechSec * 25));
        return frames;
    }

    /// <summary>Around each crossfade (and in it) every frame differs from the one before and is not black.</summary>
    private void AssertMovingAndLitAroundCuts(IReadOnlyList<byte[]> frames, ChunkLayout layout)
    {
        foreach (var (first, last) in layout.Crossfades)
        {
            var range = Enumerable.Range(first - 6, last - first + 13).Where(n => n >= 1 && n < frames.Count).ToList();
            var steps = range.Select(n => PublishedVideo.Difference(frames[n], frames[n - 1])).ToList();
            output.WriteLine($"Crossfade at frames {first}-{last}: steps {string.Join(" ", steps.Select(d => $"{d:0.0}"))}");
            for (var k = 0; k < range.Count; k++)
            {
                Assert.True(
                    steps[k] > 0.5,
                    $"frame {range[k]} (crossfade {first}-{last}) repeats the one before: {steps[k]:0.00} grey levels apart"
                );
                var luma = PublishedVideo.MeanLuma(frames[range[k]]);
                Assert.True(luma > 40, $"frame {range[k]} (crossfade {first}-{last}) is black: mean {luma:0.0}");
            }
        }
    }

    /// <summary>
    /// Restarts the pipeline host with espeak-ng speech, a chunk limit and <paramref name="pipeline"/>, and the render
    /// worker with <paramref name="worker"/> (plus <paramref name="workers"/> - 1 more like it); disposing it
    /// brings the defaults back.
    /// </summary>
    private async Task<ChunkedStack> ChunkedStackAsync(
        int chunkSeconds,
        Dictionary<string, string?> worker,
        Dictionary<string, string?>? pipeline = null,
        int workers = 1
    )
    {
        var host = With(
            new(pipeline ?? []) { ["TTS_PROVIDER"] = "espeak" },
            ("RENDER_CHUNK_SECONDS", chunkSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
        var chunked = new ChunkedStack(stack, host);
        try
        {
            await Task.WhenAll(stack.PipelineHost.RestartAsync(host), stack.RenderWorker.RestartAsync(worker));
            if (workers > 1)
                chunked.Extra = await stack.StartExtraRenderWorkersAsync(workers - 1, worker);
        }
        catch
        {
            await chunked.DisposeAsync();
            throw;
        }
        return chunked;
    }

    /// <summary><paramref name="settings"/> with <paramref name="more"/> set over them.</summary>
    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] more)
    {
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    private sealed record WaitingChunk(string Body, RenderRequest Request);

    private sealed class ChunkedStack(LocalStack stack, Dictionary<string, string?> hostSettings) : IAsyncDisposable
    {
        public Dictionary<string, string?> HostSettings => hostSettings;

        public IAsyncDisposable? Extra { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Extra is not null)
                await Extra.DisposeAsync();
            await Task.WhenAll(stack.RenderWorker.RestoreDefaultsAsync(), stack.PipelineHost.RestoreDefaultsAsync());
        }
    }
}
