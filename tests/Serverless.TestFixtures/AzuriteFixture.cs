using CliWrap;
using Xunit;

namespace Serverless.TestFixtures;

/// <summary>
/// Azurite (blob + queue + table) on free loopback ports for one test class or collection: in memory, or in
/// <see cref="Location"/> when one is set, so that it can be stopped and started again with its data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private BackgroundServer? _server;

    public int BlobPort { get; } = FreePort.Next();
    public int QueuePort { get; } = FreePort.Next();
    public int TablePort { get; } = FreePort.Next();

    /// <summary>When set before start, the server's output is appended to this file too.</summary>
    public string? LogPath { get; init; }

    /// <summary>When set before start, Azurite keeps its data in this folder (<c>--location</c>) instead of in memory.</summary>
    public string? Location { get; init; }

    public bool IsRunning => _server is { HasExited: false };

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + $"AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts (or starts again, on the same ports and data) the server.</summary>
    public async Task StartAsync()
    {
        string[] persistence = Location is null ? ["--inMemoryPersistence"] : ["--location", Location];
        var command = Cli.Wrap(RepoPaths.NodeBin("azurite"))
            .WithArguments([
                "--silent",
                .. persistence,
                "--skipApiVersionCheck",
                "--disableTelemetry",
                "--disableProductStyleUrl",
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                BlobPort.ToString(),
                "--queueHost",
                "127.0.0.1",
                "--queuePort",
                QueuePort.ToString(),
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                TablePort.ToString(),
            ]);
        _server = await BackgroundServer.StartAsync(command, "azurite", QueuePort, logPath: LogPath);
        await Eventually.PortOpenAsync(BlobPort, TimeSpan.FromSeconds(30));
        await Eventually.PortOpenAsync(TablePort, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Stops the server as a service manager would (SIGTERM), so that it writes its data to <see cref="Location"/>
    /// (it saves periodically, so a kill can lose the last seconds). True when it stopped by itself in time.
    /// </summary>
    public async Task<bool> StopAsync()
    {
        if (_server is null)
            return true;
        var stopped = await _server.StopAsync(TimeSpan.FromSeconds(15));
        _server = null;
        return stopped;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
