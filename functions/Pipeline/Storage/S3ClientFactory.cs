using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Serverless.Pipeline.Storage;

/// <summary>Builds the <see cref="IAmazonS3"/> client from <see cref="S3Options"/>.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Options options)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region) };
        if (options.HasEndpoint)
        {
            config.ServiceURL = options.Endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.Region;
            // Real S3-compatible providers reject the flexible checksums (CRC32 headers, aws-chunked trailers) that
            // SDK v4 sends by default: Cloudflare R2 ("Header 'x-amz-checksum-crc32' not implemented"), Backblaze B2
            // ("Unsupported header 'x-amz-sdk-checksum-algorithm'"), OVHcloud (STREAMING-UNSIGNED-PAYLOAD-TRAILER),
            // and s3rver stores the trailers verbatim. AWS's own advice for third-party servers is WHEN_REQUIRED.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        var credentials = options.HasStaticCredentials ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey) : null;
        if (options.HasEndpoint)
            return credentials is null ? new S3CompatibleClient(config) : new S3CompatibleClient(credentials, config);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}
