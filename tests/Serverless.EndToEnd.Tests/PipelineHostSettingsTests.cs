namespace Serverless.EndToEnd.Tests;

/// <summary>The standalone host's durable settings are checked at start-up: a bad one stops it there, named.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PipelineHostSettingsTests(LocalStack stack)
{
    [Fact(Timeout = 120_000)]
    public async Task A_bad_durable_setting_stops_the_pipeline_host_at_start_up_with_the_setting_named()
    {
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                stack.PipelineHost.RestartAsync(new Dictionary<string, string?> { ["TASKHUB_NAME"] = "task-hub" })
            );
            Assert.Contains("TASKHUB_NAME must be 3 to 45 letters or digits", failure.Message, StringComparison.Ordinal);
            Assert.False(stack.PipelineHost.IsRunning);
        }
        finally
        {
            await stack.PipelineHost.RestoreDefaultsAsync();
        }
    }
}
