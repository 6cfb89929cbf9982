namespace Serverless.Benchmarks.Pipeline;

internal static class BenchHttp
{
    public static DevJobsClient DevJobs(IHttpClientFactory http, Uri backend)
    {
        var client = http.CreateClient(nameof(DevJobsClient));
        client.BaseAddress = backend;
        return new DevJobsClient(client);
    }
}
