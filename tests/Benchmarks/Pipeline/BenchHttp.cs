using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Pipeline;

internal static class BenchHttp
{
    public static DevBackendClient DevJobs(IHttpClientFactory http, Uri backend)
    {
        var client = http.CreateClient(nameof(DevBackendClient));
        client.BaseAddress = backend;
        return new DevBackendClient(client);
    }
}
