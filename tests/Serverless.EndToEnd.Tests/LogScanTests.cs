namespace Serverless.EndToEnd.Tests;

/// <summary>The scan itself, on made-up logs: it must find what leaks and let masked text through.</summary>
public sealed class LogScanTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("log-scan-");
    private readonly Dictionary<string, string> _secrets = new() { ["WORKER_TOKEN"] = "token-1234567890" };

    [Fact]
    public void A_secret_value_or_an_unmasked_presigned_query_is_found_with_its_file_and_line_but_not_repeated()
    {
        File.WriteAllLines(
            Path.Combine(_dir.FullName, "host.log"),
            [
                "info: started",
                "warn: calling with Bearer token-1234567890",
                "info: GET http://127.0.0.1:9000/bucket/key.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0a1b2c3d",
            ]
        );

        var findings = LogScan.FindSecrets(_dir.FullName, _secrets);

        Assert.Equal(["host.log:2: WORKER_TOKEN", "host.log:3: a presigned URL's signature or credential"], findings);
        Assert.DoesNotContain(findings, f => f.Contains("token-1234567890", StringComparison.Ordinal));
    }

    [Fact]
    public void Masked_urls_and_values_pass()
    {
        File.WriteAllLines(
            Path.Combine(_dir.FullName, "worker.log"),
            [
                "info: Downloaded http://127.0.0.1:9000/bucket/key.png?*** (12 bytes)",
                "info: Start processing HTTP request GET http://127.0.0.1:9000/bucket/key.png?*",
                "warn: headers: Authorization: Bearer *** x-amz-signature=***",
            ]
        );

        Assert.Empty(LogScan.FindSecrets(_dir.FullName, _secrets));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
