using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using Serverless.Pipeline;

namespace Serverless.Functions;

public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>
    /// The Functions app's services: the pipeline and the worker's Application Insights telemetry. The worker
    /// package reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>, set by
    /// infra/app/functions.bicep) and gives the telemetry that identity's <c>ManagedIdentityCredential</c>: the
    /// Application Insights resource has local authentication disabled, so without it the worker's logs are refused.
    /// Program.cs and the composition tests both call this, so the tests compose what the app runs.
    /// </summary>
    public static IServiceCollection AddFunctionApp(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // The Application Insights SDK adds a rule that sends only warnings and errors of every category; the
        // pipeline's job-level records (leased, rendered, reported) are Information. The log levels apply as set.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule =>
                rule.ProviderName == typeof(ApplicationInsightsLoggerProvider).FullName && rule.CategoryName is null
            );
            if (warningsOnly is not null)
                options.Rules.Remove(warningsOnly);
        });
        services.AddRenderPipeline();
        return services;
    }
}
