using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Tests;

public sealed class PipelineOptionsTests
{
    [Fact]
    public void Unset_FORCE_SADTALKER_and_MAX_AUDIO_SECONDS_are_left_to_the_render_worker()
    {
        var settings = Bind([]).ToJobSettings();

        Assert.Null(settings.ForceSadTalker);
        Assert.Null(settings.MaxAudioSeconds);
    }

    [Fact]
    public void Set_FORCE_SADTALKER_and_MAX_AUDIO_SECONDS_travel_with_every_job()
    {
        var settings = Bind(new() { ["FORCE_SADTALKER"] = "false", ["MAX_AUDIO_SECONDS"] = "0" }).ToJobSettings();

        Assert.False(settings.ForceSadTalker);
        Assert.Equal(0, settings.MaxAudioSeconds);
    }

    private static PipelineOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Get<PipelineOptions>() ?? new PipelineOptions();
}
