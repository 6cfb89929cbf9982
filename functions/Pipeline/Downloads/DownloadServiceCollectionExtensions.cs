using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Pipeline.Downloads;

internal static class DownloadServiceCollectionExtensions
{
    public static IServiceCollection AddInputDownloads(this IServiceCollection services)
    {
        services.AddOptions<DownloadOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UrlGuard>();
        services.AddSingleton<InputDownloader>();
        services
            .AddHttpClient(InputDownloader.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<UrlGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                // A proxy would make the connect callback check the proxy instead of the real host.
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
        // No retry handler: the activity retries the whole download (a retried GET would append to the destination).
        return services;
    }
}
