namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class ElevenLabsFaultTests(LocalStack stack)
{
    [Fact(Timeout = 180_000)]
    public async Task Bursts_of_429_from_ElevenLabs_are_waited_out_and_the_job_succeeds()
    {
        var fault = stack.Faults.Inject("ElevenLabs answering 429 in bursts");
        const string text = "Spoken after four answers of too many requests.";
        stack.ElevenLabs.TooManyRequests(2, retryAfterSeconds: 1);
        stack.ElevenLabs.SystemBusy(2);
        var jobId = await stack.QueueTextJobAsync(text);

        var job = await stack.WaitForEndAsync(jobId);

        var report = JobAssert.Succeeded(job);
        Assert.Equal(5, stack.ElevenLabs.Requests.Count(r => r.Text == text));
        Assert.Equal(1, ExpectedSpeech.ChunksOf(stack.ElevenLabs, text));
        Assert.True(report.Timings.TtsMs >= 2000, $"Retry-After (1 s, twice) was honoured: TTS took {report.Timings.TtsMs} ms.");
        stack.Faults.Survived(fault);
    }
}
