using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Tests.Captions;

public sealed class CaptionSettingTests
{
    private static WireJob Job(string? captions) =>
        new()
        {
            Id = "665f1c2ab3d4e5f601234567",
            Kind = "talking-head",
            ImageUrl = "https://bucket.s3.amazonaws.com/uploads/alice/face.png?X-Amz-Signature=abc",
            Input = new WireJobInput
            {
                ImageKey = "uploads/alice/face.png",
                Text = "Hello there.",
                Captions = captions,
            },
        };

    [Theory]
    [InlineData("burn", "burn")]
    [InlineData("OFF", "off")]
    [InlineData(" file ", "file")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void A_jobs_captions_setting_is_leased_in_canonical_spelling(string? sent, string? leased)
    {
        var result = Assert.IsType<LeaseResult.Leased>(LeasedJobValidator.Validate(Job(sent), 5000));
        Assert.Equal(leased, result.Job.Captions);
    }

    [Fact]
    public void An_unknown_captions_setting_is_rejected_with_the_allowed_ones()
    {
        var rejected = Assert.IsType<LeaseResult.Rejected>(LeasedJobValidator.Validate(Job("subtitles"), 5000));
        Assert.Contains("off, file, burn", rejected.Reason);
    }

    [Theory]
    [InlineData(null, "file")]
    [InlineData("burn", "burn")]
    [InlineData("Off", "off")]
    public void The_captions_setting_reaches_the_jobs_settings(string? configured, string expected)
    {
        var options = new PipelineOptions();
        if (configured is not null)
            options.Captions = configured;
        Assert.Equal(expected, options.ToJobSettings().Captions);
    }

    [Fact]
    public void A_bad_captions_setting_fails_validation()
    {
        var options = new PipelineOptions { Captions = "always" };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true)
        );
        Assert.Contains(results, r => r.ErrorMessage!.Contains("CAPTIONS"));
    }
}
