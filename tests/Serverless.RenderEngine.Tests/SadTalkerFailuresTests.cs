using Serverless.Contracts;
using Serverless.RenderEngine.SadTalker;

namespace Serverless.RenderEngine.Tests;

/// <summary>Classification of what the real SadTalker prints, on either stream, when it fails.</summary>
public sealed class SadTalkerFailuresTests
{
    [Theory]
    [InlineData(
        1,
        "",
        "OSError: [Errno 30] Read-only file system: 'gfpgan/weights/parsing_parsenet.pth'",
        RenderErrorCode.MissingCheckpoints
    )]
    [InlineData(
        1,
        "",
        "PermissionError: [Errno 13] Permission denied: '/opt/venv/lib/python3.10/site-packages/gfpgan/weights'",
        RenderErrorCode.MissingCheckpoints
    )]
    [InlineData(
        1,
        "Downloading: \"https://github.com/xinntao/facexlib/releases/download/v0.1.0/detection_Resnet50_Final.pth\" to /w/gfpgan/weights/detection_Resnet50_Final.pth",
        "urllib.error.URLError: <urlopen error [Errno -3] Temporary failure in name resolution>",
        RenderErrorCode.MissingCheckpoints
    )]
    [InlineData(
        1,
        "",
        "FileNotFoundError: [Errno 2] No such file or directory: './checkpoints/epoch_20.pth'",
        RenderErrorCode.MissingCheckpoints
    )]
    [InlineData(
        1,
        "",
        "safetensors_rust.SafetensorError: Error while deserializing header: HeaderTooSmall",
        RenderErrorCode.MissingCheckpoints
    )]
    [InlineData(1, "", "RuntimeError: CUDA error: out of memory", RenderErrorCode.OutOfMemory)]
    [InlineData(
        1,
        "",
        "RuntimeError: CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`",
        RenderErrorCode.OutOfMemory
    )]
    [InlineData(1, "", "MemoryError", RenderErrorCode.OutOfMemory)]
    [InlineData(137, "Face Renderer:", "", RenderErrorCode.OutOfMemory)]
    [InlineData(0, "No face detected in this image", "", RenderErrorCode.NoFace)]
    [InlineData(0, "3DMM Extraction for source image\nCan't get the coeffs of the input", "", RenderErrorCode.NoFace)]
    [InlineData(
        1,
        "",
        "FileNotFoundError: [Errno 2] No such file or directory: '0b9e8f0c-3a4e-4e1a-9d51-3f2a1c9b7e11.mp4'",
        RenderErrorCode.Crash
    )]
    public void SadTalker_failures_are_classified_from_both_streams(int exitCode, string stdout, string stderr, RenderErrorCode expected) =>
        Assert.Equal(expected, SadTalkerFailures.Classify(exitCode, stdout, stderr).Code);

    [Fact]
    public void An_unwritable_working_folder_is_named_in_the_message() =>
        Assert.Contains(
            "working folder",
            SadTalkerFailures
                .Classify(1, "", "FileNotFoundError: [Errno 2] No such file or directory: '0b9e8f0c-3a4e-4e1a-9d51-3f2a1c9b7e11.mp4'")
                .Message
        );

    [Fact]
    public void The_error_carries_the_tails_of_both_streams_scrubbed()
    {
        var error = SadTalkerFailures.Classify(1, "Downloading https://x/y?X-Amz-Signature=abcdef0123", "RuntimeError: boom");

        Assert.Contains("[stdout]", error.StderrTail);
        Assert.Contains("RuntimeError: boom", error.StderrTail);
        Assert.DoesNotContain("abcdef0123", error.StderrTail);
    }
}
