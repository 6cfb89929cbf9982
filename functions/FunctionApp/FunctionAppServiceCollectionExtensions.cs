using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddRenderPipeline();
        return services;
    }
}
