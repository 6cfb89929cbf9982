using Amazon.Runtime;
using Amazon.S3;
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

    /// <summary>
    /// A client of the tests' own, to arrange and check objects without going through the code under test. It sends
    /// plain bodies (no aws-chunked framing, no checksum trailers), which s3rver would store verbatim.
    /// </summary>
    public IAmazonS3 CreateClient() =>
        new AmazonS3Client(
            new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config
            {
                ServiceURL = Endpoint,
                ForcePathStyle = true,
                AuthenticationRegion = Region,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            }
        );

    /// <summary>The bytes stored under <paramref name="key"/> in <see cref="Bucket"/>.</summary>
    public async Task<byte[]> GetObjectBytesAsync(string key, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.GetObjectAsync(Bucket, key, cancellationToken);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>Starts (or restarts, on the same port and data) the server.</summary>
    public async Task StartAsync()
    {
        _directory ??= Directory.CreateTempSubdirectory("s3rver-").FullName;
        var command = Cli.Wrap(RepoPaths.NodeBin("s3rver"))
            .WithArguments([
                "--directory",
                _directory,
                "--address",
                "127.0.0.1",
                "--port",
                Port.ToString(),
                "--silent",
                "--allow-mismatched-signatures",
                "--no-vhost-buckets",
                "--configure-bucket",
                Bucket,
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
