using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Tests.Backend;

public sealed class LeasedJobValidatorTests
{
    private const string Id = "665f1c2ab3d4e5f601234567";

    private static WireJob Job(
        string? id = Id,
        string? kind = "talking-head",
        string? text = "Hello there.",
        string? audioUrl = null,
        string? imageKey = "uploads/alice/face.png",
        string? voiceId = null,
        string? imageUrl = "https://bucket.s3.amazonaws.com/uploads/alice/face.png?X-Amz-Signature=abc"
    ) =>
        new()
        {
            Id = id,
            Kind = kind,
            ImageUrl = imageUrl,
            AudioUrl = audioUrl,
            Input = new WireJobInput
            {
                ImageKey = imageKey,
                Text = text,
                VoiceId = voiceId,
            },
        };

    [Fact]
    public void A_valid_job_is_leased_with_its_namespace_and_the_default_voice()
    {
        var result = Assert.IsType<LeaseResult.Leased>(LeasedJobValidator.Validate(Job(), 5000));

        Assert.Equal(Id, result.Job.Id);
        Assert.Equal("alice", result.Job.Namespace);
        Assert.Equal("Hello there.", result.Job.Text);
        Assert.Equal("en_female_1", result.Job.VoiceId);
        Assert.Null(result.Job.AudioUrl);
        Assert.Equal("https", result.Job.ImageUrl.Scheme);
    }

    [Theory]
    [InlineData("abc123")]
    [InlineData("665f1c2ab3d4e5f60123456")]
    [InlineData("665f1c2ab3d4e5f60123456z")]
    public void A_safe_id_of_the_wrong_format_is_rejected_with_the_id_so_it_can_be_reported(string id)
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(id: id), 5000));

        Assert.Equal(id, rejected.JobId);
        Assert.Contains("24-character hex", rejected.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("a b")]
    [InlineData("id?x=1")]
    public void An_unsafe_or_missing_id_is_rejected_without_an_id(string? id)
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(id: id), 5000));

        Assert.Null(rejected.JobId);
    }

    [Theory]
    [InlineData("0123456789abcdef01234567\n")]
    [InlineData("0123456789abcdef01234567\r\n")]
    public void An_id_with_a_trailing_newline_is_rejected_without_an_id(string id)
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(id: id), 5000));

        Assert.Null(rejected.JobId);
        Assert.False(LeasedJobValidator.IsReportableId(id));
    }

    [Fact]
    public void A_voice_id_with_a_trailing_newline_is_rejected()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(voiceId: "en_female_1\n"), 5000));

        Assert.Contains("voiceId", rejected.Reason);
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(kind: "lip-sync"), 5000));

        Assert.Equal(Id, rejected.JobId);
        Assert.Contains("lip-sync", rejected.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_without_audio_is_rejected(string? text)
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(text: text), 5000));

        Assert.Contains("text is empty", rejected.Reason);
    }

    [Fact]
    public void Empty_text_with_supplied_audio_is_leased()
    {
        var leased = Assert.IsType<LeaseResult.Leased>(
            LeasedJobValidator.Validate(Job(text: "", audioUrl: "https://bucket/a.mp3?sig=1"), 5000)
        );

        Assert.Null(leased.Job.Text);
        Assert.Equal("/a.mp3", leased.Job.AudioUrl!.AbsolutePath);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_rejected()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(text: new string('a', 11)), 10));

        Assert.Contains("11 characters", rejected.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("/relative/path.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://host/face.png")]
    public void A_missing_or_non_http_image_url_is_rejected(string? imageUrl)
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(imageUrl: imageUrl), 5000));

        Assert.Contains("imageUrl", rejected.Reason);
    }

    [Fact]
    public void An_unsafe_voice_id_is_rejected()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job(voiceId: "../admin"), 5000));

        Assert.Contains("voiceId", rejected.Reason);
    }

    [Theory]
    [InlineData("uploads/alice/face.png", "alice")]
    [InlineData("uploads/bob.smith/face.png", "bob_smith")]
    [InlineData("uploads/face.png", "user")]
    [InlineData("face.png", "user")]
    [InlineData("", "user")]
    [InlineData(null, "user")]
    [InlineData("uploads/../x.png", "user")]
    [InlineData("uploads/a-b_C9/nested/x.png", "a-b_C9")]
    public void The_namespace_is_the_sanitized_second_segment_of_the_image_key(string? imageKey, string expected) =>
        Assert.Equal(expected, LeasedJobValidator.NamespaceOf(imageKey));

    [Fact]
    public void A_body_that_is_not_json_means_the_backend_is_unavailable() =>
        Assert.Throws<BackendUnavailableException>(() => LeaseResponseReader.Read("<html>oops</html>", 5000));

    [Fact]
    public void A_body_without_a_job_means_the_backend_is_unavailable() =>
        Assert.Throws<BackendUnavailableException>(() => LeaseResponseReader.Read("""{"jobs":[]}""", 5000));

    [Fact]
    public void A_malformed_job_with_a_readable_id_is_rejected_with_that_id()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(
            LeaseResponseReader.Read($$$"""{"job":{"id":"{{{Id}}}","input":"oops","kind":3}}""", 5000)
        );

        Assert.Equal(Id, rejected.JobId);
        Assert.Equal("malformed lease body", rejected.Reason);
    }

    [Fact]
    public void A_malformed_job_without_a_readable_id_means_the_backend_is_unavailable() =>
        Assert.Throws<BackendUnavailableException>(() => LeaseResponseReader.Read("""{"job":{"id":42,"input":"oops"}}""", 5000));
}
