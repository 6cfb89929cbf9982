using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace Serverless.Pipeline.Storage;

/// <summary>
/// The S3 client used with an S3-compatible endpoint. SDK v4 percent-encodes the slash between bucket and key in
/// <c>x-amz-copy-source</c>; AWS accepts that, but some S3-compatible servers (s3rver, used locally) only
/// URI-decode the header and then look for a bucket named <c>bucket%2Fkey</c>. This client rewrites the header
/// to the equally valid <c>/bucket/key</c> form (slashes plain, other characters still encoded;
/// a literal <c>%</c> is <c>%25</c>, so every <c>%2F</c> was a slash) before the request is signed.
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
