using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Animator;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class RendererChoiceTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(null, RendererChoice.Auto)]
    [InlineData(Renderer.SadTalker, RendererChoice.SadTalker)]
    [InlineData(Renderer.Ffmpeg, RendererChoice.Ffmpeg)]
    [InlineData(Renderer.Animator, RendererChoice.Animator)]
    public async Task The_renderer_a_request_names_is_the_one_the_engine_is_told_to_use(Renderer? named, RendererChoice expected)
    {
        var renderer = new ChoiceRecordingRenderer();
        await StartWorkerAsync(renderer);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()) with { Options = new RenderOptions { Renderer = named } });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Equal([expected], renderer.Choices);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_job_is_rendered_with_the_animator_seed_of_its_id_so_that_a_rerender_looks_the_same()
    {
        var renderer = new ChoiceRecordingRenderer();
        await StartWorkerAsync(renderer);
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId));

        await Env.Results.TakeResultAsync(Soon);

        Assert.Equal([JobSeed.Of(jobId)], renderer.Seeds);
        Assert.NotEqual(JobSeed.Of(jobId), JobSeed.Of(NewJobId()));
    }

    /// <summary>Records which renderer each render was asked for and writes placeholder outputs.</summary>
    private sealed class ChoiceRecordingRenderer : IVideoRenderer
    {
        public ConcurrentQueue<RendererChoice> Choices { get; } = new();

        public ConcurrentQueue<int> Seeds { get; } = new();

        public async Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken)
        {
            Choices.Enqueue(input.Renderer);
            Seeds.Enqueue(input.Seed);
            await File.WriteAllBytesAsync(input.VideoPath, [0, 0, 0, 8, .. "ftyp"u8], cancellationToken);
            await File.WriteAllBytesAsync(input.PosterPath, [0xFF, 0xD8, 0xFF, 0xD9], cancellationToken);
            return new RenderOutcome
            {
                Renderer = Renderer.Ffmpeg,
                DurationSec = 1.5,
                PrepareMs = 1,
                RenderMs = 1,
            };
        }
    }
}
