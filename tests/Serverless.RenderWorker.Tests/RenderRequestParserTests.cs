using Serverless.Contracts;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker.Tests;

public sealed class RenderRequestParserTests
{
    private static readonly RenderRequest s_request = new()
    {
        JobId = "665f1c2e9b1d8a0012345678",
        InstanceId = "render-665f1c2e9b1d8a0012345678",
        ImageUrl = new Uri("http://s3.local/b/work/j/image.png?X-Amz-Signature=abc"),
        AudioUrl = new Uri("http://s3.local/b/work/j/audio.wav?X-Amz-Signature=abc"),
        VideoUploadUrl = new Uri("http://s3.local/b/work/j/video.mp4?X-Amz-Signature=abc"),
        Deadline = DateTimeOffset.Parse("2030-01-01T00:00:00Z"),
    };

    [Fact]
    public void A_serialized_request_parses_back_to_the_same_request()
    {
        var parsed = Assert.IsType<ParsedMessage.Valid>(RenderRequestParser.Parse(RenderQueueJson.Serialize(s_request)));

        Assert.Equal(s_request, parsed.Request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"jobId":"j"}""")]
    [InlineData("""{"jobId":"j","instanceId":42}""")]
    public void Text_without_readable_ids_is_unreadable(string text) =>
        Assert.IsType<ParsedMessage.Unreadable>(RenderRequestParser.Parse(text));

    [Fact]
    public void A_request_with_ids_but_missing_fields_is_answerable()
    {
        var parsed = Assert.IsType<ParsedMessage.Answerable>(RenderRequestParser.Parse("""{"jobId":"j1","instanceId":"i1"}"""));

        Assert.Equal(("i1", "j1"), (parsed.InstanceId, parsed.JobId));
    }

    [Fact]
    public void A_request_with_a_non_http_url_is_answerable_and_the_reason_carries_no_signature()
    {
        var json = RenderQueueJson.Serialize(s_request with { AudioUrl = new Uri("file:///etc/passwd") });

        var parsed = Assert.IsType<ParsedMessage.Answerable>(RenderRequestParser.Parse(json));

        Assert.Contains("http", parsed.Reason);
        Assert.DoesNotContain("abc", parsed.Reason);
    }

    [Theory]
    [InlineData("http://h/b/work/j/image.JPG?sig=1", ".jpg")]
    [InlineData("http://h/b/work/j/noext", ".png")]
    [InlineData("http://h/b/work/j/x.p%2Fng", ".png")]
    public void Local_file_names_keep_only_a_plain_extension(string url, string expected) =>
        Assert.Equal("image" + expected, Media.LocalFileName.For(new Uri(url), "image", ".png"));
}
