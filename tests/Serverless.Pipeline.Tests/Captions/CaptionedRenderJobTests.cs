using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Captions;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Orchestration;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Captions;

public sealed class CaptionedRenderJobTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    private const string Text =
        "Captions make a muted video easy to follow. They appear when each word is heard, and they leave the screen in time.";

    [Fact(Timeout = 120_000)]
    public async Task A_text_job_publishes_webvtt_and_srt_captions_and_reports_their_keys_and_cue_count()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl, Text));
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        var output = report.Output!;
        Assert.Equal($"outputs/u1/{jobId}.vtt", output.CaptionsVttKey);
        Assert.Equal($"outputs/u1/{jobId}.srt", output.CaptionsSrtKey);
        Assert.Null(output.CaptionsSkipped);

        var vtt = Encoding.UTF8.GetString(
            await pipeline.GetAsync(pipeline.Store.PresignGet(output.CaptionsVttKey!, TimeSpan.FromMinutes(5)))
        );
        var cues = WebVttParser.Parse(vtt);
        Assert.Equal(output.CaptionCues, cues.Count);
        Assert.InRange(cues.Count, 2, 10);
        Assert.Equal(TextUnits.Words(Text), cues.SelectMany(c => c.Lines).SelectMany(TextUnits.Words));
        var srt = Encoding.UTF8.GetString(
            await pipeline.GetAsync(pipeline.Store.PresignGet(output.CaptionsSrtKey!, TimeSpan.FromMinutes(5)))
        );
        Assert.StartsWith("1\n00:00:0", srt);
        Assert.Equal("text/vtt; charset=utf-8", (await pipeline.Store.GetInfoAsync(output.CaptionsVttKey!, default))?.ContentType);
        // The staging copies (and the word timings) go with the rest of work/<jobId>/.
        Assert.Null(await pipeline.Store.GetInfoAsync(CaptionKeys.StagedVtt(jobId), default));
        Assert.Null(await pipeline.Store.GetInfoAsync(CaptionKeys.Words(jobId), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_supplied_audio_job_without_text_succeeds_and_reports_why_it_has_no_captions()
    {
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            services => services.Replace(ServiceDescriptor.Singleton<ITextToSpeech>(new ExplodingTextToSpeech()))
        );
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var audioUrl = await UploadSpeechAsync(pipeline, jobId, Text);
        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl) with { Text = null, AudioUrl = audioUrl });
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Null(report.Output!.CaptionsVttKey);
        Assert.Null(report.Output.CaptionsSrtKey);
        Assert.Null(report.Output.CaptionCues);
        Assert.Contains("no text", report.Output.CaptionsSkipped);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_supplied_audio_job_with_text_gets_captions_aligned_to_its_speech()
    {
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            services => services.Replace(ServiceDescriptor.Singleton<ITextToSpeech>(new ExplodingTextToSpeech()))
        );
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var audioUrl = await UploadSpeechAsync(pipeline, jobId, Text);
        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl, Text) with { AudioUrl = audioUrl });
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var output = Assert.Single(pipeline.Backend.ReportsFor(jobId)).Output!;
        Assert.Equal($"outputs/u1/{jobId}.vtt", output.CaptionsVttKey);
        Assert.InRange(output.CaptionCues ?? 0, 2, 10);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_jobs_own_captions_setting_overrides_the_pipelines()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl, Text) with { Captions = CaptionMode.Off });
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var output = Assert.Single(pipeline.Backend.ReportsFor(jobId)).Output!;
        Assert.Null(output.CaptionsVttKey);
        Assert.Null(output.CaptionsSkipped);
        Assert.Null(await pipeline.Store.GetInfoAsync(CaptionKeys.OutputVtt("u1", jobId), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task With_burn_the_render_request_carries_a_presigned_get_of_the_captions_and_never_their_text()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl, Text) with { Captions = CaptionMode.Burn });
        var request = await pipeline.RenderAsync(jobId);

        Assert.NotNull(request.CaptionsUrl);
        var cues = WebVttParser.Parse(Encoding.UTF8.GetString(await pipeline.GetAsync(request.CaptionsUrl!)));
        Assert.NotEmpty(cues);
        Assert.DoesNotContain("Captions make", System.Text.Json.JsonSerializer.Serialize(request));
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var output = Assert.Single(pipeline.Backend.ReportsFor(jobId)).Output!;
        Assert.Equal($"outputs/u1/{jobId}.vtt", output.CaptionsVttKey); // burn publishes the files too
        Assert.Equal(cues.Count, output.CaptionCues);
    }

    [Fact(Timeout = 120_000)]
    public async Task With_files_only_the_render_request_carries_no_captions()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);
        Assert.Null(request.CaptionsUrl);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);
    }

    /// <summary>A recording of <paramref name="text"/> (espeak-ng, plain), uploaded as a user's supplied audio.</summary>
    private static async Task<Uri> UploadSpeechAsync(PipelineHarness pipeline, string jobId, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"supplied-{Guid.NewGuid():N}.wav");
        try
        {
            var (samples, rate) = await new EspeakGroundTruth("en-us+m3").SpeakAsync(text);
            await File.WriteAllBytesAsync(path, Wav(samples, rate));
            return await pipeline.UploadInputAsync($"uploads/u1/{jobId}.wav", path, "audio/wav");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static byte[] Wav(short[] samples, int rate)
    {
        var format = new Serverless.Contracts.Pcm16Wav(rate, 1, 44, samples.Length * 2L);
        var bytes = new byte[44 + samples.Length * 2];
        format.HeaderFor(samples.Length).CopyTo(bytes, 0);
        Buffer.BlockCopy(samples, 0, bytes, 44, samples.Length * 2);
        return bytes;
    }
}
