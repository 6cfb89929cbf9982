using CliWrap;
using Serverless.TestFixtures;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// scripts/up.sh lets input URLs reach loopback only on what it serves itself: its s3rver and dev backend when it
/// starts them, nothing when it is pointed at a real backend and bucket.
/// </summary>
public sealed class UpScriptLoopbackTests
{
    [Fact(Timeout = 240_000)]
    public async Task Up_sh_allows_loopback_only_on_the_s3rver_and_dev_backend_it_starts()
    {
        var (s3Port, backendPort) = (FreePort.Next(), FreePort.Next());

        var ready = await RunUpAsync(
            new Dictionary<string, string?> { ["S3_PORT"] = s3Port.ToString(), ["DEV_BACKEND_PORT"] = backendPort.ToString() }
        );

        Assert.Equal($"127.0.0.1:{s3Port},127.0.0.1:{backendPort}", ready["ALLOWED_LOOPBACK_ORIGINS"]);
    }

    [Fact(Timeout = 240_000)]
    public async Task Up_sh_pointed_at_a_real_backend_and_bucket_allows_no_loopback_origin()
    {
        var ready = await RunUpAsync(
            new Dictionary<string, string?>
            {
                ["BACKEND_URL"] = "https://backend.example.com",
                ["WORKER_TOKEN"] = "real-backend-token",
                ["S3_ENDPOINT"] = "https://s3.example.com",
                ["AWS_ACCESS_KEY_ID"] = "real-key-id",
                ["AWS_SECRET_ACCESS_KEY"] = "real-secret",
            }
        );

        Assert.Equal("", ready["ALLOWED_LOOPBACK_ORIGINS"]);
        Assert.Equal("https://backend.example.com", ready["BACKEND_URL"]);
    }

    private static Dictionary<string, string> Pairs(IEnumerable<string> lines) =>
        lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>Starts up.sh on free ports in a fresh state folder, reads its ready file, and stops it (SIGTERM).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> RunUpAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var stackDir = Directory.CreateTempSubdirectory("up-sh-loopback-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["STACK_DIR"] = stackDir,
            ["SKIP_BUILD"] = "1",
            ["AZURITE_BLOB_PORT"] = FreePort.Next().ToString(),
            ["AZURITE_QUEUE_PORT"] = FreePort.Next().ToString(),
            ["AZURITE_TABLE_PORT"] = FreePort.Next().ToString(),
            ["S3_PORT"] = FreePort.Next().ToString(),
            ["DEV_BACKEND_PORT"] = FreePort.Next().ToString(),
            ["ALLOW_LOOPBACK_URLS"] = null,
            ["ALLOWED_LOOPBACK_ORIGINS"] = null,
            ["BACKEND_URL"] = null,
            ["WORKER_TOKEN"] = null,
            ["S3_ENDPOINT"] = null,
            ["AWS_ACCESS_KEY_ID"] = null,
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        var command = Cli.Wrap("bash")
            .WithArguments([Path.Combine(RepoPaths.Root, "scripts", "up.sh")])
            .WithWorkingDirectory(RepoPaths.Root)
            .WithEnvironmentVariables(environment);
        try
        {
            await using var up = await BackgroundServer.StartAsync(command, "up.sh", "Local stack is up", TimeSpan.FromSeconds(180));
            // up.sh prints that it is up, then writes the ready file.
            var readyFile = Path.Combine(stackDir, "ready");
            await Eventually.TrueAsync(() => File.Exists(readyFile), TimeSpan.FromSeconds(30), "up.sh's ready file");
            var ready = Pairs(await File.ReadAllLinesAsync(readyFile));
            // What the pipeline host really runs with, not only what up.sh says.
            var hostEnvironment = Pairs((await File.ReadAllTextAsync($"/proc/{ready["PIPELINE_HOST_PID"]}/environ")).Split('\0'));
            Assert.Equal("false", hostEnvironment["ALLOW_LOOPBACK_URLS"]);
            Assert.Equal(ready["ALLOWED_LOOPBACK_ORIGINS"], hostEnvironment["ALLOWED_LOOPBACK_ORIGINS"]);
            Assert.True(await up.StopAsync(TimeSpan.FromSeconds(90)), "up.sh did not stop on SIGTERM");
            return ready;
        }
        finally
        {
            Directory.Delete(stackDir, recursive: true);
        }
    }
}
