using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Serverless.DevBackend;

/// <summary>Stores uploads in S3 and signs GET URLs for them, like the real backend.</summary>
public sealed class InputStorage(IOptions<DevBackendOptions> options) : IDisposable
{
    private readonly DevBackendOptions _settings = options.Value;
    private readonly Lazy<AmazonS3Client> _s3 = new(() => CreateClient(options.Value));

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        await _s3.Value.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _settings.Bucket,
                Key = key,
                InputStream = content,
                ContentType = contentType,
                // S3-compatible servers such as s3rver store aws-chunked bodies verbatim.
                UseChunkEncoding = string.IsNullOrWhiteSpace(_settings.Endpoint),
            },
            cancellationToken
        );
    }

    public string SignGet(string key) =>
        _s3.Value.GetPreSignedURL(
            new GetPreSignedUrlRequest
            {
                BucketName = _settings.Bucket,
                Key = key,
                Verb = HttpVerb.GET,
                Expires = DateTime.UtcNow.AddMinutes(_settings.SignedUrlMinutes),
                Protocol =
                    _settings.Endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            }
        );

    public object Describe() =>
        new
        {
            bucket = _settings.Bucket,
            endpoint = _settings.Endpoint,
            region = _settings.Region,
        };

    private static AmazonS3Client CreateClient(DevBackendOptions settings)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region) };
        if (!string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            config.ServiceURL = settings.Endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        return string.IsNullOrWhiteSpace(settings.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey), config);
    }

    public void Dispose()
    {
        if (_s3.IsValueCreated)
            _s3.Value.Dispose();
    }
}
