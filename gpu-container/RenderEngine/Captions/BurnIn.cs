using Serverless.Captions;

namespace Serverless.RenderEngine.Captions;

/// <summary>Captions to burn into one render: the cues, and the ASS script written for them in its work folder.</summary>
public sealed record BurnIn(IReadOnlyList<CaptionCue> Cues, string ScriptPath, double Aspect)
{
    /// <summary>Writes the script for a video of the given aspect (width ÷ height) into <paramref name="workDir"/>.</summary>
    public static async Task<BurnIn?> WriteAsync(
        IReadOnlyList<CaptionCue>? cues,
        double aspect,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        if (cues is not { Count: > 0 })
            return null;
        var path = Path.Combine(workDir, "captions.ass");
        await File.WriteAllTextAsync(path, BurnedCaptions.Script(cues, aspect), new System.Text.UTF8Encoding(false), cancellationToken);
        return new BurnIn(cues, path, aspect);
    }
}
