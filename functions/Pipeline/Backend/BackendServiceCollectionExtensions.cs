using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Serverless.Contracts;

namespace Serverless.Pipeline.Backend;

internal static class BackendServiceCollectionExtensions
{
    public static IServiceCollection AddBackendClient(this IServiceCollection services)
    {
        services
            .AddOptions<BackendOptions>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate(o => HttpUrl.IsAbsoluteHttp(o.BackendUrl), "BACKEND_URL must be an absolute http(s) URL.")
            .PostConfigure(o => SecretScrubber.RegisterSecrets(o.WorkerToken))
            .ValidateOnStart();

        services
            .AddHttpClient<IBackendClient, BackendClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Timeout only, deliberately no retry: a lease is a non-idempotent POST (a retried lease whose first
            // answer was lost would lease a second job and orphan the first), and reports are retried by the
            // orchestration, which knows when giving up must still end in a report. The standard handler would
            // also add a circuit breaker and hedging-like behaviour we do not want here.
            .AddResilienceHandler(
                "backend",
                (pipeline, context) =>
                {
                    var timeout = context.ServiceProvider.GetRequiredService<IOptions<BackendOptions>>().Value.TimeoutSeconds;
                    pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(timeout) });
                }
            );
        return services;
    }
}
