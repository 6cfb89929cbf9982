using Serverless.Pipeline;
using Serverless.RenderEngine;
using Serverless.StandaloneHost;

namespace Serverless.Infra.Tests;

/// <summary>No drift between code and infrastructure: every setting the code reads is set by the template.</summary>
public sealed class SettingsDriftTests
{
    /// <summary>Read by the code but deliberately not set in Azure, each for a reason.</summary>
    private static readonly Dictionary<string, string> s_localOnly = new()
    {
        ["AzureWebJobsStorage"] = "a connection string is for Azurite; Azure uses AzureWebJobsStorage__* with the identity",
        ["DURABLE_GRPC_PORT"] = "only the standalone host has a durable sidecar",
        ["DURABLE_STORAGE_CONNECTION"] = "the standalone host's task hub; the Functions host keeps its own in AzureWebJobsStorage",
        ["DURABLE_WORKER_ID"] = "the standalone host's partition lease owner; the Functions host names its own workers",
        ["DURABLE_VISIBILITY_TIMEOUT_SECONDS"] = "the standalone host's provider settings; host.json holds the Functions host's",
        ["DURABLE_MAX_POLL_INTERVAL_MS"] = "the standalone host's provider settings; host.json holds the Functions host's",
        ["RENDER_QUEUE_CONNECTION"] = "a connection string is for Azurite; the job uses RENDER_QUEUE_SERVICE_URI with its identity",
    };

    [Fact]
    public void Every_setting_the_pipeline_reads_is_provided_to_the_function_app()
    {
        var read = SettingsCatalog.ReadBy(typeof(PipelineOptions).Assembly, typeof(StandaloneHostOptions).Assembly);
        var provided = BicepSettings.FunctionApp();

        var missing = read.Where(key => !provided.Contains(Azure(key)) && !s_localOnly.ContainsKey(key)).Order().ToList();

        Assert.True(missing.Count == 0, $"Not set in infra/main.bicep (pipelineSettings): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_setting_the_render_worker_reads_is_provided_to_the_render_job()
    {
        var read = SettingsCatalog.ReadBy(
            typeof(RenderEngineOptions).Assembly,
            typeof(Serverless.RenderWorker.RenderWorkerOptions).Assembly
        );
        var provided = BicepSettings.RenderJob();

        var missing = read.Where(key => !provided.Contains(key) && !s_localOnly.ContainsKey(key)).Order().ToList();

        Assert.True(missing.Count == 0, $"Not set in infra/main.bicep (renderSettings): {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_template_sets_nothing_the_code_does_not_read()
    {
        var read = SettingsCatalog.ReadBy(
            typeof(PipelineOptions).Assembly,
            typeof(StandaloneHostOptions).Assembly,
            typeof(RenderEngineOptions).Assembly,
            typeof(Serverless.RenderWorker.RenderWorkerOptions).Assembly
        );
        // Read by the platform rather than our code: host.json's %TASKHUB_NAME%, the Functions host's
        // identity-based storage connection, and Application Insights (host and worker telemetry packages).
        bool Platform(string key) =>
            key is "TASKHUB_NAME"
            || key.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)
            || key.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal);

        var unread = BicepSettings
            .FunctionApp()
            .Concat(BicepSettings.RenderJob())
            .Where(key => !read.Contains(key.Replace("__", ":", StringComparison.Ordinal)) && !Platform(key))
            .Distinct()
            .ToList();

        Assert.True(unread.Count == 0, $"Set in infra/main.bicep but read by no code: {string.Join(", ", unread)}");
    }

    private static string Azure(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
