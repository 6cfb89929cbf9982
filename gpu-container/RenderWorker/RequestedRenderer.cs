using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker;

/// <summary>The engine's renderer choice for a request: the one it names (no fallback), else automatic.</summary>
internal static class RequestedRenderer
{
    public static RendererChoice Of(RenderOptions options) =>
        options.Renderer switch
        {
            Renderer.SadTalker => RendererChoice.SadTalker,
            Renderer.Ffmpeg => RendererChoice.Ffmpeg,
            Renderer.Animator => RendererChoice.Animator,
            _ => RendererChoice.Auto,
        };
}
