using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.RenderEngine;

/// <summary>Settings of the render engine (environment variables of the GPU container).</summary>
public sealed class RenderEngineOptions
{
    /// <summary>A program on PATH, a path, or a whole command string such as <c>python /opt/SadTalker/inference.py</c>.</summary>
    [ConfigurationKeyName("SADTALKER_CMD")]
    public string SadTalkerCommand { get; set; } = "sadtalker";

    /// <summary>SadTalker's own best practice: the whole portrait kept still, with GFPGAN on the face (see gpu-container/README.md for costs).</summary>
    [ConfigurationKeyName("SADTALKER_ARGS")]
    public string SadTalkerArgs { get; set; } = "--still --preprocess full --enhancer gfpgan";

    /// <summary>
    /// SadTalker's root: its <c>checkpoints/</c> and <c>gfpgan/</c> are linked into each run's own writable working
    /// folder (SadTalker finds its weights relative to its working folder). Empty = the current directory.
    /// </summary>
    [ConfigurationKeyName("SADTALKER_WORKDIR")]
    public string? SadTalkerWorkDir { get; set; }

    [ConfigurationKeyName("SADTALKER_TIMEOUT_SECONDS")]
    [Range(1, 24 * 3600)]
    public double SadTalkerTimeoutSeconds { get; set; } = 1800;

    [ConfigurationKeyName("FFMPEG_CMD")]
    [Required]
    public string FfmpegCommand { get; set; } = "ffmpeg";

    [ConfigurationKeyName("FFPROBE_CMD")]
    [Required]
    public string FfprobeCommand { get; set; } = "ffprobe";

    /// <summary>
    /// The longest one ffmpeg or ffprobe run may take before its process tree is killed and the render fails as a
    /// timeout; a request's deadline stops them earlier. The longest run is the stitch's whole re-encode of a long job.
    /// </summary>
    [ConfigurationKeyName("FFMPEG_TIMEOUT_SECONDS")]
    [Range(1, 24 * 3600)]
    public double FfmpegTimeoutSeconds { get; set; } = 600;

    /// <summary>FFMPEG_CMD as a <see cref="Processes.Tool"/>.</summary>
    public Processes.Tool Ffmpeg() => new(FfmpegCommand, "ffmpeg", TimeSpan.FromSeconds(FfmpegTimeoutSeconds));

    /// <summary>FFPROBE_CMD as a <see cref="Processes.Tool"/>.</summary>
    public Processes.Tool Ffprobe() => new(FfprobeCommand, "ffprobe", TimeSpan.FromSeconds(FfmpegTimeoutSeconds));

    /// <summary>
    /// The renderer of a request that names none: <c>auto</c> (SadTalker when installed, else the animator, else the
    /// still image), <c>sadtalker</c>, <c>animator</c> or <c>ffmpeg</c> (the still image).
    /// </summary>
    [ConfigurationKeyName("RENDERER")]
    public RendererChoice Renderer { get; set; } = RendererChoice.Auto;

    [ConfigurationKeyName("FORCE_SADTALKER")]
    public bool ForceSadTalker { get; set; }

    /// <summary>Trim the audio to this many seconds; 0 = no trim.</summary>
    [ConfigurationKeyName("MAX_AUDIO_SECONDS")]
    [Range(0, 24 * 3600)]
    public double MaxAudioSeconds { get; set; }

    /// <summary>Longer input audio is rejected as bad input.</summary>
    [ConfigurationKeyName("MAX_INPUT_AUDIO_SECONDS")]
    [Range(1, 24 * 3600)]
    public double MaxInputAudioSeconds { get; set; } = 600;

    [ConfigurationKeyName("MAX_IMAGE_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

    [ConfigurationKeyName("MAX_IMAGE_SIDE")]
    [Range(16, 65536)]
    public int MaxImageSide { get; set; } = 4096;
}
