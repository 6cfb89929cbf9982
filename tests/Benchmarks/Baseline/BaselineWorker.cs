using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using Serverless.Benchmarks.Media;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Speech;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Baseline;

/// <summary>
/// The sequential baseline: behaves like the old Python worker. One job at a time: lease, download the inputs
/// (or speak the text), convert the audio to 16 kHz WAV, render with the old ffmpeg command, read the whole video
/// into memory and upload it to S3 with the worker's own credentials, report; sleep 4 s when the queue is empty.
/// </summary>
internal sealed class BaselineWorker(
    OldWorkerProtocol backend,
    HttpClient downloads,
    IAmazonS3 s3,
    string bucket,
    ITextToSpeech tts,
    string workDir
)
{
    public static readonly TimeSpan EmptyQueueSleep = TimeSpan.FromSeconds(4);

    public int Processed { get; private set; }

    /// <summary>Works until <paramref name="stop"/> is cancelled, finishing the job in hand first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var job = await backend.LeaseAsync(stop);
                if (job is null)
                {
                    await Task.Delay(EmptyQueueSleep, stop);
                    continue;
                }
                await ProcessAsync(job, CancellationToken.None);
                Processed++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ProcessAsync(WireJob job, CancellationToken cancellationToken)
    {
        var id = job.Id ?? throw new InvalidOperationException("A leased job has no id.");
        var dir = Directory.CreateDirectory(Path.Combine(workDir, id)).FullName;
        try
        {
            var report = await RenderAsync(job, id, dir, cancellationToken);
            await backend.ReportAsync(id, report, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await backend.ReportAsync(id, JobReport.Failed(ex.Message), cancellationToken);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task<JobReport> RenderAsync(WireJob job, string id, string dir, CancellationToken cancellationToken)
    {
        var image = await DownloadAsync(job.ImageUrl, Path.Combine(dir, "image.png"), cancellationToken);
        var clock = Stopwatch.StartNew();
        var audio = job.AudioUrl is { } audioUrl
            ? await DownloadAsync(audioUrl, Path.Combine(dir, "audio.wav"), cancellationToken)
            : await SpeakAsync(job.Input?.Text ?? "", job.Input?.VoiceId, Path.Combine(dir, "speech.wav"), cancellationToken);
        var ttsMs = job.AudioUrl is null ? clock.ElapsedMilliseconds : 0;

        clock.Restart();
        var wav = Path.Combine(dir, "audio16k.wav");
        await OldWorkerCommands.ToWav16kAsync(audio, wav, cancellationToken);
        var video = Path.Combine(dir, "out.mp4");
        await OldWorkerCommands.RenderAsync(image, wav, video, cancellationToken);
        var renderMs = clock.ElapsedMilliseconds;
        var duration = (await Ffprobe.ProbeAsync(video, cancellationToken)).DurationSec;

        clock.Restart();
        var key = $"outputs/{Namespace(job)}/{id}.mp4";
        var bytes = await File.ReadAllBytesAsync(video, cancellationToken);
        await s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(bytes),
                ContentType = "video/mp4",
                UseChunkEncoding = false,
            },
            cancellationToken
        );
        var uploadMs = clock.ElapsedMilliseconds;

        return JobReport.Succeeded(
            new JobOutput
            {
                VideoKey = key,
                DurationSec = Math.Round(duration, 2),
                Renderer = "ffmpeg",
            },
            new JobTimings
            {
                TtsMs = ttsMs,
                SadTalkerMs = renderMs,
                UploadMs = uploadMs,
            }
        );
    }

    private async Task<string> DownloadAsync(string? url, string path, CancellationToken cancellationToken)
    {
        var bytes = await downloads.GetByteArrayAsync(
            url ?? throw new InvalidOperationException("A leased job has no input URL."),
            cancellationToken
        );
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return path;
    }

    private async Task<string> SpeakAsync(string text, string? voiceId, string path, CancellationToken cancellationToken)
    {
        await using (var file = File.Create(path))
            await tts.SynthesizeAsync(text, voiceId, file, cancellationToken);
        return path;
    }

    private static string Namespace(WireJob job) => job.Input?.ImageKey?.Split('/') is { Length: > 2 } parts ? parts[1] : "user";
}
