using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using Microsoft.Extensions.Options;
using Serverless.Functions;
using Serverless.Infra.Tests.Snapshot;
using Serverless.Pipeline.Queues;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// The Functions app's services (<see cref="FunctionAppServiceCollectionExtensions.AddFunctionApp"/>, what
/// Program.cs registers) composed with exactly the app settings infra/main.bicep gives the function app.
/// The Functions worker host itself needs a Functions host to connect to, so the services go into a plain host.
/// </summary>
public sealed class FunctionAppCompositionTests
{
    private static IReadOnlyDictionary<string, string> Settings() => RuntimeValues.Resolve(BicepSnapshot.FunctionAppSettings());

    private static Microsoft.Extensions.Hosting.HostApplicationBuilder Compose(IReadOnlyDictionary<string, string> settings)
    {
        var builder = DeployedHost.Builder(settings);
        builder.Services.AddFunctionApp();
        // Nothing leaves the test: no telemetry (the dummy endpoints are a closed loopback port anyway), no live
        // metrics, and no heartbeat, which asks the Azure instance metadata endpoint (169.254.169.254) about the VM.
        builder.Services.Configure<ApplicationInsightsServiceOptions>(o =>
        {
            o.EnableQuickPulseMetricStream = false;
            o.EnableAzureInstanceMetadataTelemetryModule = false;
            o.EnableHeartbeat = false;
        });
        builder.Services.Configure<TelemetryConfiguration>(c => c.DisableTelemetry = true);
        return builder;
    }

    [Fact]
    public async Task The_function_app_starts_with_the_deployed_settings_and_resolves_every_service_of_ours()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var builder = Compose(Settings());
        using var host = builder.Build();

        await host.StartAsync(timeout.Token);
        try
        {
            var resolved = DeployedHost.ResolveOurServices(builder.Services, host.Services);

            Assert.Contains(typeof(PipelineRenderQueues), resolved);
            Assert.Contains(typeof(StorageQueueOptions), resolved);
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public void The_render_queues_are_reached_through_the_identity_based_storage_settings()
    {
        var settings = Settings();
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "infra sets no storage connection string");
        using var host = Compose(settings).Build();

        var queues = host.Services.GetRequiredService<PipelineRenderQueues>();

        var account = settings["AzureWebJobsStorage__accountName"];
        Assert.Equal(new Uri($"https://{account}.queue.core.windows.net/render-requests"), queues.Requests.Uri);
        Assert.Equal(account, host.Services.GetRequiredService<QueueServiceClient>().AccountName);
    }

    [Fact]
    public void The_worker_sends_its_information_logs_to_application_insights()
    {
        using var host = Compose(Settings()).Build();

        var rules = host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;

        Assert.DoesNotContain(
            rules,
            r =>
                r.ProviderName == typeof(ApplicationInsightsLoggerProvider).FullName
                && r.CategoryName is null
                && r.LogLevel > LogLevel.Information
        );
    }

    [Fact]
    public void The_worker_telemetry_authenticates_with_the_function_identity()
    {
        using var host = Compose(Settings()).Build();

        var telemetry = host.Services.GetRequiredService<TelemetryConfiguration>();

        // Application Insights has local authentication disabled: without a token credential the worker's
        // telemetry is refused. The function identity holds Monitoring Metrics Publisher (infra/app/rbac.bicep).
        var credential = TelemetryCredential.Of(telemetry);
        Assert.IsType<ManagedIdentityCredential>(credential);
    }
}
