using CliWrap;
using Xunit;

namespace Serverless.TestFixtures;

/// <summary>An S3-compatible server (s3rver) on a free loopback port with one bucket.</summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private BackgroundServer? _server;
    private string? _directory;

    public const string Bucket = "talking-head-test";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Region = "us-east-1";

    public int Port { get; private set; } = FreePort.Next();

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>When set before start, the server's output is appended to this file too (across restarts).</summary>
    public string? LogPath { get; init; }

    public bool IsRunning => _server is { HasExited: false };

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>Starts (or restarts, on the same port and data) the server.</summary>
    public async Task StartAsync()
    {
        _directory ??= Directory.CreateTempSubdirectory("s3rver-").FullName;
        var command = Cli.Wrap(RepoPaths.NodeBin("s3rver"))
            .WithArguments([
                "--directory", _directory,
                "--address", "127.0.0.1",
                "--port", Port.ToString(),
                "--silent",
                "--allow-mismatched-signatures",
                "--no-vhost-buckets",
                "--configure-bucket", Bucket,
            ]);
        _server = await BackgroundServer.StartAsync(command, "s3rver", Port, logPath: LogPath);
    }

    /// <summary>Kills the server, keeping its data, to simulate an outage.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _server = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_directory is not null && Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
