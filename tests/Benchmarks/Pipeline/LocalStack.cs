using CliWrap;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>
/// scripts/up.sh as a child process on free loopback ports in a private STACK_DIR: Azurite, s3rver, the dev
/// backend, K render workers and the pipeline host, each a real process. Disposing kills the whole tree.
/// </summary>
internal sealed class LocalStack(BackgroundServer upScript, string stackDir, StackInfo info) : IAsyncDisposable
{
    public string StackDir => stackDir;

    public StackInfo Info => info;

    public string LogsDir => Path.Combine(StackDir, "logs");

    public static async Task<LocalStack> StartAsync(IReadOnlyDictionary<string, string?> settings, bool skipBuild, CancellationToken cancellationToken)
    {
        var stackDir = Directory.CreateTempSubdirectory("bench-stack-").FullName;
        var backendPort = FreePort.Next();
        var environment = new Dictionary<string, string?>(settings)
        {
            ["STACK_DIR"] = stackDir,
            ["AZURITE_BLOB_PORT"] = Port(),
            ["AZURITE_QUEUE_PORT"] = Port(),
            ["AZURITE_TABLE_PORT"] = Port(),
            ["S3_PORT"] = Port(),
            ["DEV_BACKEND_PORT"] = backendPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SKIP_BUILD"] = skipBuild ? "1" : null,
            // The bench's own stack: nothing from the caller's shell may point it elsewhere.
            ["BACKEND_URL"] = null,
            ["WORKER_TOKEN"] = null,
            ["S3_ENDPOINT"] = null,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["ELEVENLABS_API_KEY"] = null,
            ["SADTALKER_CMD"] = null,
        };
        var command = Cli.Wrap("bash")
            .WithArguments([Path.Combine(RepoPaths.Root, "scripts", "up.sh")])
            .WithWorkingDirectory(RepoPaths.Root)
            .WithEnvironmentVariables(environment);
        // The dev backend's port opens after the build and the storage servers; the ready file after the rest.
        var upScript = await BackgroundServer.StartAsync(command, "scripts/up.sh", backendPort, TimeSpan.FromMinutes(5));
        try
        {
            var ready = Path.Combine(stackDir, "ready");
            await Eventually.TrueAsync(() => File.Exists(ready) || upScript.HasExited, TimeSpan.FromMinutes(1), "scripts/up.sh to write its ready file");
            if (!File.Exists(ready))
                throw new InvalidOperationException($"scripts/up.sh exited before the stack was up:\n{upScript.Output}");
            return new LocalStack(upScript, stackDir, StackInfo.Parse(ready));
        }
        catch
        {
            await upScript.DisposeAsync();
            throw;
        }

        static string Port() => FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => upScript.DisposeAsync();
}
