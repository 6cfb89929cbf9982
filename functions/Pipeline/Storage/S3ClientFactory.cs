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
            // S3-compatible servers often reject the flexible checksums (aws-chunked trailers) that SDK v4
            // sends by default; only send checksums where the operation requires one.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        var credentials = options.HasStaticCredentials ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey) : null;
        if (options.HasEndpoint)
            return credentials is null ? new S3CompatibleClient(config) : new S3CompatibleClient(credentials, config);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}
