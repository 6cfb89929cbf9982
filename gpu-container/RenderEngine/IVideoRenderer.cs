using Serverless.Contracts;

namespace Serverless.RenderEngine;

/// <summary>
/// Validates the inputs, renders and verifies one talking-head video plus its poster.
/// Every failure surfaces as a <see cref="RenderFailedException"/> carrying a classified error.
/// </summary>
public interface IVideoRenderer
{
    Task<RenderOutcome> RenderAsync(RenderInput input, CancellationToken cancellationToken);
}

/// <summary>Local files of one render. The output paths are written only on success.</summary>
public sealed record RenderInput
{
    public required string ImagePath { get; init; }
    public required string AudioPath { get; init; }
    public required string VideoPath { get; init; }
    public required string PosterPath { get; init; }
    public RenderOptions Options { get; init; } = new();

    /// <summary>
    /// The caller's folder for this job, in which the engine makes the folder of its intermediate files (and deletes
    /// it at the end); null: the system's temporary folder.
    /// </summary>
    public string? ScratchDir { get; init; }
    public RendererChoice Renderer { get; init; } = RendererChoice.Auto;

    /// <summary>A chunk of a split job: the video gets the keyframes the stitch copies it by, and no poster is made.</summary>
    public bool ForStitch { get; init; }

    /// <summary>Seeds the animator's random parts (blink times, sway phase): the same job renders to the same video.</summary>
    public int Seed { get; init; }

    /// <summary>Captions to draw into the video (times in this render's speech), or null for none.</summary>
    public IReadOnlyList<Serverless.Captions.CaptionCue>? Captions { get; init; }
}

public enum RendererChoice
{
    /// <summary>
    /// SadTalker when installed (or forced), else (or when it fails, unless FORCE_SADTALKER) the animator, else (no
    /// usable face) the ffmpeg still image.
    /// </summary>
    Auto,
    SadTalker,

    /// <summary>The CPU animator; a portrait without a usable face still gets the still image, with <c>no_face</c>.</summary>
    Animator,
    Ffmpeg,
}

public sealed record RenderOutcome
{
    public required Renderer Renderer { get; init; }
    public required double DurationSec { get; init; }
    public required long PrepareMs { get; init; }
    public required long RenderMs { get; init; }

    /// <summary>
    /// Why an earlier renderer was not used: SadTalker's failure when the animator or the still image rendered the
    /// video, else the animator's (<c>no_face</c>, …) when the still image did. Travels as <c>fallbackReason</c>.
    /// </summary>
    public RenderError? FallbackReason { get; init; }
}

public sealed class RenderFailedException(RenderError error, Exception? inner = null) : Exception(error.ToString(), inner)
{
    public RenderError Error { get; } = error;
}
