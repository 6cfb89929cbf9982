using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddObjectStore(this IServiceCollection services)
    {
        services
            .AddOptions<S3Options>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate(o => !o.HasEndpoint || HttpUrl.IsAbsoluteHttp(o.Endpoint), "S3_ENDPOINT must be empty or an absolute http(s) URL.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.AccessKeyId) == string.IsNullOrWhiteSpace(o.SecretAccessKey),
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or both left empty for the default credential chain)."
            )
            .PostConfigure(o => SecretScrubber.RegisterSecrets(o.AccessKeyId, o.SecretAccessKey))
            .ValidateOnStart();

        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<S3Options>>().Value));
        services.AddSingleton<IObjectStore, S3ObjectStore>();
        return services;
    }
}
