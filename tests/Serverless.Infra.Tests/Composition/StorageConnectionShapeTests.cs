using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.Infra.Tests.Snapshot;
using Serverless.Pipeline;
using Serverless.Pipeline.Queues;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// The pipeline's render-queue connection in each shape the Functions host accepts for AzureWebJobsStorage, on
/// top of the deployed settings (so that nothing else is missing).
/// </summary>
public sealed class StorageConnectionShapeTests
{
    private static IHost Pipeline(params (string Key, string Value)[] storage)
    {
        var settings = RuntimeValues
            .Resolve(BicepSnapshot.FunctionAppSettings())
            .Where(s => !s.Key.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal))
            .Concat(storage.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .ToDictionary(s => s.Key, s => s.Value);
        var builder = DeployedHost.Builder(settings);
        builder.Services.AddRenderPipeline();
        return builder.Build();
    }

    [Fact]
    public void A_connection_string_reaches_the_queues_it_names()
    {
        using var host = Pipeline(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        var queues = host.Services.GetRequiredService<PipelineRenderQueues>();

        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1/render-requests"), queues.Requests.Uri);
    }

    [Fact]
    public void A_queue_service_uri_alone_is_enough_for_an_identity_based_connection()
    {
        using var host = Pipeline(
            ("AzureWebJobsStorage__queueServiceUri", "https://elsewhere.queue.core.windows.net/"),
            ("AzureWebJobsStorage__credential", "managedidentity")
        );

        var queues = host.Services.GetRequiredService<PipelineRenderQueues>();

        Assert.Equal(new Uri("https://elsewhere.queue.core.windows.net/render-results"), queues.Results.Uri);
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_either_shape_the_host_refuses_to_start_and_names_the_settings()
    {
        using var host = Pipeline();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
        Assert.Contains("UseDevelopmentStorage=true", error.Message);
    }
}
