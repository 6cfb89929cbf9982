using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

public sealed class RenderJobTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task A_text_job_is_staged_spoken_rendered_published_reported_once_and_cleaned_up()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);

        Assert.Equal(instanceId, request.InstanceId);
        Assert.Equal(RenderJobInstance.IdFor(jobId), instanceId);
        Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.SamplePortrait), await pipeline.GetAsync(request.ImageUrl));
        var speech = await pipeline.GetAsync(request.AudioUrl);
        Assert.Equal("RIFF"u8.ToArray(), speech[..4]);
        Assert.True(request.Deadline > DateTimeOffset.UtcNow.AddMinutes(1));

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request, durationSec: 2.345));
        var (_, outcome) = await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal(outcome.Report, report);
        Assert.Equal($"outputs/u1/{jobId}.mp4", report.Output!.VideoKey);
        Assert.Equal($"outputs/u1/{jobId}.jpg", report.Output.PosterKey);
        Assert.Equal(2.35, report.Output.DurationSec);
        Assert.Equal("ffmpeg", report.Output.Renderer);
        Assert.True(report.Timings.TtsMs > 0);
        Assert.Equal(740, report.Timings.SadTalkerMs);
        Assert.True(report.Timings.UploadMs >= 30);
        Assert.Null(report.Error);

        var video = await pipeline.Store.GetInfoAsync(report.Output.VideoKey, default);
        Assert.Equal("video/mp4", video?.ContentType);
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.RenderedVideo(jobId), default));
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.StagedImage(jobId), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_job_with_supplied_audio_skips_speech_and_renders_that_audio()
    {
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            services => services.Replace(ServiceDescriptor.Singleton<ITextToSpeech>(new ExplodingTextToSpeech()))
        );
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");
        var audioBytes = "RIFF-supplied-audio"u8.ToArray();
        var audioPath = Path.GetTempFileName();
        await File.WriteAllBytesAsync(audioPath, audioBytes);
        var audioUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.wav", audioPath, "audio/wav");

        var job = pipeline.TextJob(jobId, imageUrl) with { Text = null, AudioUrl = audioUrl };
        var instanceId = await pipeline.StartAsync(job);
        var request = await pipeline.RenderAsync(jobId);

        Assert.Equal(audioBytes, await pipeline.GetAsync(request.AudioUrl));
        Assert.Contains($"work/{jobId}/audio.wav", request.AudioUrl.AbsolutePath);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        var (_, outcome) = await pipeline.CompletionAsync(instanceId);

        Assert.Equal(JobStatus.Succeeded, outcome.Report.Status);
        Assert.Equal(0, outcome.Report.Timings.TtsMs);
        Assert.Single(pipeline.Backend.ReportsFor(jobId));
    }

    [Fact(Timeout = 120_000)]
    public async Task Render_options_the_pipeline_leaves_unset_stay_unset_so_the_worker_settings_apply()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (defaultJob, _) = await pipeline.StartTextJobAsync();
        var (forcedJob, _) = await pipeline.StartTextJobAsync(
            PipelineHarness.FastSettings with
            {
                ForceSadTalker = true,
                MaxAudioSeconds = 30,
            }
        );

        var unset = (await pipeline.RenderAsync(defaultJob, uploadVideo: false)).Options;
        var forced = (await pipeline.RenderAsync(forcedJob, uploadVideo: false)).Options;

        Assert.Null(unset.ForceSadTalker);
        Assert.Null(unset.MaxAudioSeconds);
        Assert.True(forced.ForceSadTalker);
        Assert.Equal(30, forced.MaxAudioSeconds);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_render_is_reported_once_with_its_classified_reason()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId, uploadVideo: false);

        await pipeline.RaiseAsync(
            RenderResult.Failed(
                request.InstanceId,
                jobId,
                new RenderError { Code = RenderErrorCode.NoFace, Message = "SadTalker found no face in the portrait." }
            )
        );
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.Equal("no_face: SadTalker found no face in the portrait.", report.Error);
        Assert.Null(report.Output);
        Assert.Null(await pipeline.Store.GetInfoAsync(JobKeys.StagedImage(jobId), default));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_render_that_never_answers_times_out_on_the_durable_timer()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var settings = PipelineHarness.FastSettings with { RenderTimeout = TimeSpan.FromSeconds(3) };
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(settings);
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.StartsWith("timeout: No render result within", report.Error);
        Assert.Single(pipeline.Queue.Requests);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_image_url_that_answers_404_fails_the_job_as_bad_input_without_retries()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var jobId = PipelineHarness.NewJobId();
        var missing = pipeline.Store.PresignGet($"uploads/u1/{jobId}-missing.png", TimeSpan.FromMinutes(5));

        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, missing));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.StartsWith("bad_input: The job's image could not be used", report.Error);
        Assert.DoesNotContain("X-Amz", report.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(pipeline.Queue.Requests);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_speech_provider_that_rejects_the_request_fails_the_job_with_its_message()
    {
        var tts = new ExplodingTextToSpeech();
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            services => services.Replace(ServiceDescriptor.Singleton<ITextToSpeech>(tts))
        );
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal($"tts_failed: {ExplodingTextToSpeech.Message}", report.Error);
        Assert.Equal(1, tts.Calls);
    }

    [Fact(Timeout = 120_000)]
    public async Task With_voices_only_mapped_a_job_asking_for_an_unmapped_voice_fails_as_bad_input_without_speech()
    {
        await using var elevenLabs = await FakeElevenLabs.StartAsync();
        elevenLabs.Voices["SomeoneElsesVoice1"] = true;
        await using var pipeline = await PipelineHarness.StartAsync(
            s3,
            settings: new Dictionary<string, string?>
            {
                ["TTS_PROVIDER"] = "elevenlabs",
                ["ELEVENLABS_API_KEY"] = FakeElevenLabs.ApiKey,
                ["ELEVENLABS_BASE_URL"] = elevenLabs.BaseUrl.ToString(),
                ["ELEVENLABS_VOICES_ONLY_MAPPED"] = "true",
            }
        );
        var jobId = PipelineHarness.NewJobId();
        var imageUrl = await pipeline.UploadInputAsync($"uploads/u1/{jobId}.png", RepoPaths.SamplePortrait, "image/png");

        var instanceId = await pipeline.StartAsync(pipeline.TextJob(jobId, imageUrl) with { VoiceId = "SomeoneElsesVoice1" });
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.Equal(
            "bad_input: The voice 'SomeoneElsesVoice1' is not offered here; the voices are: en_female_1, en_male_1.",
            report.Error
        );
        Assert.Empty(elevenLabs.Requests);
        Assert.Empty(pipeline.Queue.Requests);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_render_queue_outage_is_retried_and_then_the_job_proceeds()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        pipeline.Queue.FailNextSends(2);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        Assert.Equal(JobStatus.Succeeded, Assert.Single(pipeline.Backend.ReportsFor(jobId)).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_render_success_without_an_uploaded_video_is_reported_as_an_upload_failure()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId, uploadVideo: false);

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal("upload_failed: The render worker reported success but uploaded no video.", report.Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_backend_outage_while_reporting_is_retried_until_the_one_report_lands()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        pipeline.Backend.FailNextReports(3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        Assert.Equal(JobStatus.Succeeded, Assert.Single(pipeline.Backend.ReportsFor(jobId)).Status);
        Assert.Equal(4, pipeline.Backend.ReportAttempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Duplicate_and_late_render_results_are_harmless()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);
        var result = PipelineHarness.Succeeded(request);

        await pipeline.Relay.RelayAsync(pipeline.Client, RenderQueueJson.Serialize(result), default);
        await pipeline.Relay.RelayAsync(pipeline.Client, RenderQueueJson.Serialize(result), default);
        await pipeline.CompletionAsync(instanceId);
        await pipeline.Relay.RelayAsync(pipeline.Client, RenderQueueJson.Serialize(result), default);
        await pipeline.Relay.RelayAsync(pipeline.Client, "{not json", default);

        Assert.Single(pipeline.Backend.ReportsFor(jobId));
        var instance = await pipeline.Client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
    }

    [Fact(Timeout = 120_000)]
    public async Task Custom_status_shows_the_stage_the_job_is_waiting_in()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync();
        var request = await pipeline.RenderAsync(jobId);

        var status = await Eventually.ValueAsync(
            async () =>
            {
                var instance = await pipeline.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                var current = instance?.ReadCustomStatusAs<RenderJobStatus>();
                return current?.Stage == RenderJobStages.Rendering ? current : null;
            },
            TimeSpan.FromSeconds(30),
            "the rendering stage in the custom status"
        );
        Assert.True(status.TtsMs > 0);

        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        var (instance, _) = await pipeline.CompletionAsync(instanceId);
        var final = JsonSerializer.Deserialize<RenderJobStatus>(instance.SerializedCustomStatus!);
        Assert.Equal(RenderJobStages.Succeeded, final!.Stage);
        Assert.Equal("ffmpeg", final.Renderer);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_host_shutdown_reaches_a_running_activity_through_its_cancellation_token()
    {
        var tts = new HangingTextToSpeech();
        var pipeline = await PipelineHarness.StartAsync(s3, services => services.Replace(ServiceDescriptor.Singleton<ITextToSpeech>(tts)));
        await pipeline.StartTextJobAsync();
        await tts.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var stopping = pipeline.DisposeAsync().AsTask();
        await tts.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping;
    }
}
