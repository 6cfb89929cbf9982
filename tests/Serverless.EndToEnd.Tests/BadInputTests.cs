namespace Serverless.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class BadInputTests(LocalStack stack)
{
    private sealed record BadJob(string What, NewJobRequest Request, string Code, string Reason);

    [Fact(Timeout = 240_000)]
    public async Task Every_bad_input_ends_in_one_failed_report_with_a_clear_reason_and_the_good_job_queued_after_it_succeeds()
    {
        // The malformed lease hits the first job leased after the fault, so that job goes first.
        var fault = stack.Faults.Inject("backend leases answered with 500, HTML and a malformed job");
        await stack.Backend.InjectAsync(new FaultRequest(LeaseErrors: 1, GarbageLeases: 1, MalformedLeases: 1));
        var badJobs = await BadJobsAsync();

        var pairs = new List<(BadJob Bad, string BadId, string GoodId)>();
        foreach (var bad in badJobs)
        {
            var badId = await stack.Backend.QueueAsync(bad.Request);
            var goodId = await stack.QueueTextJobAsync($"The job queued after the one with {bad.What} still renders.");
            pairs.Add((bad, badId, goodId));
        }

        foreach (var (bad, badId, goodId) in pairs)
        {
            JobAssert.Failed(await stack.WaitForEndAsync(badId), bad.Code, bad.Reason);
            JobAssert.Succeeded(await stack.WaitForEndAsync(goodId));
        }
        stack.Faults.Survived(fault);
    }

    private async Task<IReadOnlyList<BadJob>> BadJobsAsync()
    {
        var portrait = stack.PortraitKey;
        var wide = await TestMedia.PngAsync(4100, 64);
        return
        [
            new("a malformed lease body", new(Text: "Malformed.", ImageKey: portrait), "bad_input", "malformed lease body"),
            new(
                "an image URL that is not an image",
                new(Text: "Not an image.", ImageUrl: new Uri(stack.Backend.BaseUrl, "healthz").ToString()),
                "bad_input",
                "The image is not a PNG, JPEG or WebP file"
            ),
            new(
                "an image that is not there",
                new(Text: "No such image.", ImageKey: "uploads/e2e/missing.png"),
                "bad_input",
                "uploads/e2e/missing.png?*** failed with HTTP 404."
            ),
            new(
                "an image over 20 MB",
                new(Text: "Huge file.", ImagePath: TestMedia.HugePng(21 * 1024 * 1024), User: "e2e"),
                "bad_input",
                "is larger than the 20971520-byte limit."
            ),
            new(
                "an image over 4096 px",
                new(Text: "Huge picture.", ImagePath: wide, User: "e2e"),
                "bad_input",
                "The image is 4100×64 px; at most 4096 px a side is allowed."
            ),
            new(
                "a link-local image URL",
                new(Text: "Metadata, please.", ImageUrl: "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
                "bad_input",
                "Refused to download from 169.254.169.254: its address 169.254.169.254 is a link-local address."
            ),
            new(
                "a private-network image URL",
                new(Text: "Intranet, please.", ImageUrl: "http://10.1.2.3/portrait.png"),
                "bad_input",
                "its address 10.1.2.3 is a private network address."
            ),
            new("an empty text", new(Text: "", ImageKey: portrait), "bad_input", "text is empty and no audio was supplied"),
            new(
                "an overlong text",
                new(Text: new string('a', 5001), ImageKey: portrait),
                "bad_input",
                "text is 5001 characters long; the limit is 5000"
            ),
            new(
                "a bad job id",
                new(Id: "not-an-object-id", Text: "Bad id.", ImageKey: portrait),
                "bad_input",
                "job id 'not-an-object-id' is not a 24-character hex id"
            ),
            new(
                "an unknown kind",
                new(Kind: "lip-sync", Text: "Unknown kind.", ImageKey: portrait),
                "bad_input",
                "unsupported job kind 'lip-sync' (expected 'talking-head')"
            ),
        ];
    }
}
