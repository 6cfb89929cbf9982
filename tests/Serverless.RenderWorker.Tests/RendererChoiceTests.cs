using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class RendererChoiceTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(null, RendererChoice.Auto)]
    [InlineData(Renderer.SadTalker, RendererChoice.SadTalker)]
    [InlineData(Renderer.Ffmpeg, RendererChoice.Ffmpeg)]
    public async Task The_renderer_a_request_names_is_the_one_the_engine_is_told_to_use(Renderer? named, RendererChoice expected)
    {
        var renderer = new ChoiceRecordingRenderer();
        await StartWorkerAsync(renderer);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()) with { Options = new RenderOptions { Renderer = named } });

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(RenderStatus.Succeeded, result.Status);
        Assert.Equal([expected], renderer.Choices);
    }

    /// <summary>Records which renderer each render was asked for and writes placeholder outputs.</summary>
    private sealed class ChoiceRecordingRenderer : IVideoRenderer
    {
        public ConcurrentQueue<RendererChoice> Choices { get; } = new();

        public async Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken)
        {
            Choices.Enqueue(input.Renderer);
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
