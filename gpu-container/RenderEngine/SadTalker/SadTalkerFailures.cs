using System.Text.RegularExpressions;
using Serverless.Contracts;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// Classifies a failed SadTalker run from its exit code and the tails of both its streams: SadTalker prints some of
/// its failures ("Can't get the coeffs", "No face detected", the out-of-memory loop) on stdout, tracebacks on stderr.
/// </summary>
public static partial class SadTalkerFailures
{
    /// <summary>What landmark detection prints, once a second and for ever, while CUDA fails under it.</summary>
    public const string OutOfMemoryLoopWarning = "Warning: out of memory, sleep for 1s";

    /// <summary>The kernel's OOM killer ends a process with SIGKILL: 128 + 9.</summary>
    public const int KilledExitCode = 137;

    private const string GpuMemory = "SadTalker ran out of GPU memory (try shorter audio or a smaller --preprocess).";
    private const string HostMemory = "SadTalker ran out of host memory (try shorter audio, a smaller portrait or no --enhancer).";
    private const string Weights =
        "SadTalker's model weights are missing or damaged (check checkpoints/ and gfpgan/weights in SADTALKER_WORKDIR).";

    private static readonly string[] s_gpuMemory =
    [
        "CUDA out of memory",
        "OutOfMemoryError",
        "CUDA error: out of memory",
        "CUBLAS_STATUS_ALLOC_FAILED",
        "CUDNN_STATUS_ALLOC_FAILED",
        OutOfMemoryLoopWarning,
    ];
    private static readonly string[] s_noFace =
    [
        "can not detect the landmark",
        "Can't get the coeffs",
        "No face is detected",
        "No face detected",
        "face not detected",
    ];
    private static readonly string[] s_weightFiles = ["checkpoints/", ".pth", ".safetensors", "gfpgan/weights"];
    private static readonly string[] s_missingFile = ["No such file", "FileNotFoundError", "does not exist"];
    private static readonly string[] s_damagedWeights = ["HeaderTooSmall", "PytorchStreamReader failed", "Ran out of input"];
    private static readonly string[] s_unwritable = ["Read-only file system", "Permission denied"];

    public static RenderError Classify(int exitCode, string stdoutTail, string stderrTail)
    {
        var text = stdoutTail + "\n" + stderrTail;
        var tail = Tail(stdoutTail, stderrTail);
        RenderError Error(RenderErrorCode code, string message) =>
            new()
            {
                Code = code,
                Message = message,
                StderrTail = tail,
            };

        if (Has(text, s_gpuMemory))
            return Error(RenderErrorCode.OutOfMemory, GpuMemory);
        if (text.Contains("MemoryError", StringComparison.Ordinal) || exitCode == KilledExitCode)
            return Error(RenderErrorCode.OutOfMemory, HostMemory);
        if (Has(text, s_noFace))
            return Error(RenderErrorCode.NoFace, "SadTalker could not find a face in the portrait.");
        if (IsMissingWeights(text))
            return Error(RenderErrorCode.MissingCheckpoints, Weights);
        if (ScratchFileMissing().IsMatch(text))
            return Error(RenderErrorCode.Crash, "SadTalker could not write its scratch video into its working folder (is it writable?).");
        var what = exitCode == 0 ? "SadTalker exited without writing a video." : $"SadTalker failed with exit code {exitCode}.";
        return Error(RenderErrorCode.Crash, what);
    }

    public static RenderError StuckOutOfMemory(int warnings, string stdoutTail, string stderrTail) =>
        new()
        {
            Code = RenderErrorCode.OutOfMemory,
            Message = $"SadTalker ran out of GPU memory in landmark detection ({warnings} retries) and was stopped.",
            StderrTail = Tail(stdoutTail, stderrTail),
        };

    public static RenderError TimedOut(TimeSpan timeout, string stdoutTail, string stderrTail) =>
        new()
        {
            Code = RenderErrorCode.Timeout,
            Message = $"SadTalker did not finish within {timeout.TotalSeconds:0} s and was stopped.",
            StderrTail = Tail(stdoutTail, stderrTail),
        };

    public static RenderError NotInstalled(string program) =>
        new() { Code = RenderErrorCode.Crash, Message = $"SadTalker is not installed ('{program}' was not found)." };

    /// <summary>Both streams, scrubbed of secrets and cut to fit a queue message: stdout's last lines, then stderr's.</summary>
    public static string Tail(string stdoutTail, string stderrTail)
    {
        var stdout = StderrTail.Of(stdoutTail, maxLines: 8, maxChars: 600);
        var stderr = StderrTail.Of(stderrTail, maxLines: 15, maxChars: 1400);
        return stdout.Length == 0 ? stderr : $"[stdout]\n{stdout}\n[stderr]\n{stderr}";
    }

    private static bool IsMissingWeights(string text)
    {
        if (Has(text, s_damagedWeights))
            return true;
        var weights = Has(text, s_weightFiles);
        if (weights && (Has(text, s_missingFile) || text.Contains("urlopen error", StringComparison.Ordinal)))
            return true;
        // A missing weight is downloaded into gfpgan/weights (or GFPGAN's package folder), which is read-only in the image.
        return text.Contains("gfpgan/weights", StringComparison.Ordinal) && Has(text, s_unwritable);
    }

    private static bool Has(string text, string[] markers) => markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"No such file or directory: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.mp4'")]
    private static partial Regex ScratchFileMissing();
}
