using Serverless.Pipeline.Backend;

namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class ConcurrentJobsTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task Text_jobs_a_supplied_audio_job_and_a_long_text_queued_together_all_succeed_with_playable_videos_of_the_right_length()
    {
        var audio = await TestMedia.ToneWavAsync(2.5);
        var texts = new Dictionary<string, string>
        {
            [await stack.QueueTextJobAsync("Hello from the first concurrent job.")] = "Hello from the first concurrent job.",
            [await stack.QueueTextJobAsync("A second voice, a second job.", voiceId: "en_male_1")] = "A second voice, a second job.",
            [await stack.QueueTextJobAsync(LongText)] = LongText,
        };
        var audioJob = await stack.Backend.QueueAsync(new NewJobRequest(AudioPath: audio, ImageKey: stack.PortraitKey, User: "e2e"));

        foreach (var (jobId, text) in texts)
        {
            var job = await stack.WaitForEndAsync(jobId);
            var report = JobAssert.Succeeded(job);
            JobAssert.SensibleTimings(job, report, spoken: true);
            var chunks = ExpectedSpeech.ChunksOf(stack.ElevenLabs, text);
            Assert.Equal(text == LongText ? 2 : 1, chunks);
            await AssertVideoAsync(job, report, await ExpectedSpeech.SecondsAsync(stack.ElevenLabs, chunks));
        }

        var withAudio = await stack.WaitForEndAsync(audioJob);
        var audioReport = JobAssert.Succeeded(withAudio);
        JobAssert.SensibleTimings(withAudio, audioReport, spoken: false);
        await AssertVideoAsync(withAudio, audioReport, await TestMedia.DurationAsync(audio));
    }

    /// <summary>About 4 000 characters: over the model's 3 000 a request, so it is spoken in two requests.</summary>
    private static readonly string LongText = string.Join(
        " ",
        Enumerable.Range(1, 60).Select(i => $"Sentence number {i} of the long text keeps the story going a little further.")
    );

    private async Task AssertVideoAsync(Job job, JobReport report, double expectedSeconds)
    {
        Assert.Equal($"outputs/e2e/{job.Id}.mp4", report.Output!.VideoKey);
        Assert.Equal($"outputs/e2e/{job.Id}.jpg", report.Output.PosterKey);
        Assert.Equal("sadtalker", report.Output.Renderer);
        Assert.InRange(report.Output.DurationSec, expectedSeconds - 0.15, expectedSeconds + 0.15);

        var video = await PublishedVideo.PlayAsync(await stack.Backend.VideoUrlAsync(job.Id));
        Assert.Equal("h264", video.CodecOf("video"));
        Assert.Equal("aac", video.CodecOf("audio"));
        Assert.InRange(video.DurationSec, expectedSeconds - 0.15, expectedSeconds + 0.15);
    }
}
