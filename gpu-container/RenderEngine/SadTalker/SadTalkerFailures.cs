using Serverless.Contracts;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>Classifies a failed SadTalker run from its exit code and stderr.</summary>
public static class SadTalkerFailures
{
    private static readonly (RenderErrorCode Code, string Message, string[] Markers)[] s_known =
    [
        (RenderErrorCode.OutOfMemory, "SadTalker ran out of GPU memory (try shorter audio or a smaller --preprocess).",
            ["CUDA out of memory", "OutOfMemoryError", "CUDNN_STATUS_ALLOC_FAILED"]),
        (RenderErrorCode.NoFace, "SadTalker could not find a face in the portrait.",
            ["can not detect the landmark", "Can't get the coeffs", "No face", "no face detected", "face not detected"]),
        (RenderErrorCode.MissingCheckpoints, "SadTalker's model checkpoints are missing (check SADTALKER_WORKDIR and the checkpoints folder).",
            ["checkpoints/", "checkpoint", ".pth", ".safetensors", ".pth.tar"]),
    ];

    public static RenderError Classify(int exitCode, string stderrTail)
    {
        foreach (var (code, message, markers) in s_known)
        {
            if (markers.Any(m => stderrTail.Contains(m, StringComparison.OrdinalIgnoreCase))
                && (code != RenderErrorCode.MissingCheckpoints || LooksLikeMissingFile(stderrTail)))
                return new RenderError { Code = code, Message = message, StderrTail = stderrTail };
        }
        var what = exitCode == 0 ? "SadTalker exited without writing a video." : $"SadTalker failed with exit code {exitCode}.";
        return new RenderError { Code = RenderErrorCode.Crash, Message = what, StderrTail = stderrTail };
    }

    public static RenderError TimedOut(TimeSpan timeout, string stderrTail) =>
        new()
        {
            Code = RenderErrorCode.Timeout,
            Message = $"SadTalker did not finish within {timeout.TotalSeconds:0} s and was stopped.",
            StderrTail = stderrTail,
        };

    public static RenderError NotInstalled(string program) =>
        new() { Code = RenderErrorCode.Crash, Message = $"SadTalker is not installed ('{program}' was not found)." };

    private static bool LooksLikeMissingFile(string text) =>
        text.Contains("No such file", StringComparison.OrdinalIgnoreCase)
        || text.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || text.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
        || text.Contains("FileNotFoundError", StringComparison.Ordinal);
}
