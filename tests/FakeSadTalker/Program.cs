using System.Diagnostics;

// Behaves like `python inference.py` of OpenTalker/SadTalker for the arguments the worker passes, with the
// failure modes seen in production selected by FAKE_SADTALKER_MODE:
// ok | no_video | no_face | hang | oom | crash | leak_secret.
string[] valued =
[
    "--driven_audio", "--source_image", "--result_dir", "--checkpoint_dir", "--size", "--preprocess", "--enhancer",
    "--background_enhancer", "--batch_size", "--expression_scale", "--pose_style", "--ref_eyeblink", "--ref_pose",
    "--input_yaw", "--input_pitch", "--input_roll", "--device",
];
string[] flags = ["--still", "--cpu", "--face3dvis", "--verbose", "--old_version"];

var options = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
{
    if (valued.Contains(args[i]) && i + 1 < args.Length)
        options[args[i]] = args[++i];
    else if (!flags.Contains(args[i]))
        return Usage($"unrecognized arguments: {args[i]}");
}
foreach (var required in new[] { "--driven_audio", "--source_image" })
{
    if (!options.ContainsKey(required))
        return Usage($"the following arguments are required: {required}");
}

var resultDir = options.GetValueOrDefault("--result_dir", "./results");
var checkpoints = options.GetValueOrDefault("--checkpoint_dir", "./checkpoints");
var mode = Environment.GetEnvironmentVariable("FAKE_SADTALKER_MODE") ?? "ok";
Console.WriteLine("using safetensor as default");

switch (mode)
{
    case "no_video":
        Console.WriteLine("3DMM Extraction for source image");
        return 0;
    case "no_face":
        Console.Error.WriteLine("Traceback (most recent call last):\n  File \"inference.py\", line 145, in <module>");
        Console.Error.WriteLine("can not detect the landmark from source image");
        return 1;
    case "oom":
        Console.Error.WriteLine("Traceback (most recent call last):\n  File \"src/facerender/animate.py\", line 180, in generate");
        Console.Error.WriteLine(
            "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 14.75 GiB total capacity; 12.1 GiB already allocated)"
        );
        return 1;
    case "crash":
        Console.Error.WriteLine("Traceback (most recent call last):\n  File \"inference.py\", line 60, in main\nRuntimeError: unexpected tensor shape");
        return 1;
    case "leak_secret":
        Console.Error.WriteLine(
            "ConnectionError: GET https://bucket.s3.amazonaws.com/work/x/image?X-Amz-Signature=deadbeefcafe&X-Amz-Credential=AKIAEXAMPLE failed"
        );
        Console.Error.WriteLine("headers: Authorization: Bearer sk-live-secret-token-123456");
        return 1;
    case "hang":
        var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        if (Environment.GetEnvironmentVariable("FAKE_SADTALKER_PIDFILE") is { Length: > 0 } pidFile)
            File.WriteAllText(pidFile, child.Id.ToString());
        Thread.Sleep(Timeout.Infinite);
        return 0;
}

if (!Directory.Exists(checkpoints))
{
    Console.Error.WriteLine("Traceback (most recent call last):\n  File \"inference.py\", line 28, in main");
    Console.Error.WriteLine($"FileNotFoundError: [Errno 2] No such file or directory: '{checkpoints}/mapping_00229-model.pth.tar'");
    return 1;
}

// Like SadTalker: a talking-head video at 25 fps with the speech resampled to 16 kHz, moved to a timestamped file.
Directory.CreateDirectory(resultDir);
var output = Path.Combine(resultDir, DateTime.Now.ToString("yyyy_MM_dd_HH.mm.ss") + ".mp4");
var ffmpeg = Process.Start(
    new ProcessStartInfo(Environment.GetEnvironmentVariable("FAKE_SADTALKER_FFMPEG") ?? "ffmpeg")
    {
        ArgumentList =
        {
            "-v", "error", "-y", "-loop", "1", "-i", options["--source_image"], "-i", options["--driven_audio"],
            "-vf", "scale=256:256,rotate='0.05*sin(2*PI*t)',format=yuv420p", "-r", "25",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ar", "16000", "-shortest", output,
        },
        RedirectStandardError = true,
    }
)!;
var errors = ffmpeg.StandardError.ReadToEnd();
ffmpeg.WaitForExit();
if (ffmpeg.ExitCode != 0)
{
    Console.Error.Write(errors);
    return 1;
}
Console.WriteLine($"The generated video is named: {output}");
return 0;

static int Usage(string error)
{
    Console.Error.WriteLine("usage: inference.py [-h] [--driven_audio DRIVEN_AUDIO] [--source_image SOURCE_IMAGE] ...");
    Console.Error.WriteLine($"inference.py: error: {error}");
    return 2;
}
