using Amazon.S3;
using Serverless.Captions;
using Serverless.Pipeline.Backend;

namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class CaptionsTests(LocalStack stack)
{
    private const string Text =
        "Most videos are watched muted. Captions let people follow them anyway: they appear as each word is heard, "
        + "and say <exactly> what was said & nothing else.";

    [Fact(Timeout = 180_000)]
    public async Task A_text_job_gets_one_report_with_both_caption_keys_and_published_files_that_parse()
    {
        var jobId = await stack.QueueTextJobAsync(Text);

        var job = await stack.WaitForEndAsync(jobId);
        var report = JobAssert.Succeeded(job);
        var output = report.Output!;
        Assert.Equal($"outputs/e2e/{jobId}.vtt", output.CaptionsVttKey);
        Assert.Equal($"outputs/e2e/{jobId}.srt", output.CaptionsSrtKey);
        Assert.Null(output.CaptionsSkipped);

        using var s3 = stack.S3.CreateClient();
        var cues = WebVttParser.Parse(await ReadAsync(s3, output.CaptionsVttKey!));
        Assert.Equal(output.CaptionCues, cues.Count);
        Assert.True(cues.Count >= 2, $"{cues.Count} cues");
        Assert.Equal(TextUnits.Words(Text), cues.SelectMany(c => c.Lines).SelectMany(TextUnits.Words));

        var srt = await ReadAsync(s3, output.CaptionsSrtKey!);
        Assert.Equal(cues.Count, srt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("1\n", srt);
    }

    private static async Task<string> ReadAsync(IAmazonS3 s3, string key)
    {
        using var response = await s3.GetObjectAsync(Serverless.TestFixtures.S3ServerFixture.Bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
