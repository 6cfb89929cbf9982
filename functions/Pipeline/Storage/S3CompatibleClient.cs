using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace Serverless.Pipeline.Storage;

/// <summary>
/// The S3 client used with an S3-compatible endpoint. SDK v4 (since aws-sdk-net#3710) percent-encodes the slash
/// between bucket and key in <c>x-amz-copy-source</c>. AWS accepts that, but servers that do not take <c>%2F</c>
/// there as the separator look for a bucket named <c>bucket%2Fkey</c>: s3rver, which the local stack
/// (scripts/up.sh, the end-to-end tests) runs under the production host, and, among real providers, NetApp's S3
/// service (minio-py#907 and #912, where the MinIO client stopped encoding that slash for it). This client rewrites
/// the header to the <c>/bucket/key</c> form that AWS documents and SDK v3 sent (slashes plain, other characters
/// still encoded; a literal <c>%</c> is <c>%25</c>, so every <c>%2F</c> was a slash) before the request is signed.
/// </summary>
internal sealed class S3CompatibleClient : AmazonS3Client
{
    public S3CompatibleClient(AmazonS3Config config)
        : base(config) { }

    public S3CompatibleClient(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new CopySourceHeaderHandler());
    }

    private sealed class CopySourceHeaderHandler : PipelineHandler
    {
        private const string Header = "x-amz-copy-source";

        public override void InvokeSync(IExecutionContext executionContext)
        {
            Rewrite(executionContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Rewrite(executionContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Rewrite(IExecutionContext context)
        {
            var headers = context.RequestContext.Request.Headers;
            if (headers.TryGetValue(Header, out var source) && source.Contains("%2F", StringComparison.OrdinalIgnoreCase))
                headers[Header] = "/" + source.TrimStart('/').Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }
}
