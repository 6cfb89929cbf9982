using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Tests.Fakes;

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

    [Theory]
    [InlineData("45", "44", false)]
    [InlineData("45", "45", true)]
    [InlineData("45", "60", true)]
    public void Presigned_urls_must_cover_the_render_timeout_at_start_up(string renderTimeout, string urlTtl, bool valid)
    {
        var settings = PipelineServices.BaseSettings();
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        settings["RENDER_TIMEOUT_MINUTES"] = renderTimeout;
        settings["PRESIGNED_URL_TTL_MINUTES"] = urlTtl;
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddRenderPipeline();
        using var provider = services.BuildServiceProvider();

        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        if (valid)
            Assert.Null(error);
        else
            Assert.Contains(
                "PRESIGNED_URL_TTL_MINUTES must be at least RENDER_TIMEOUT_MINUTES",
                Assert.IsType<OptionsValidationException>(error).Message
            );
    }

    private static PipelineOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Get<PipelineOptions>() ?? new PipelineOptions();
}
