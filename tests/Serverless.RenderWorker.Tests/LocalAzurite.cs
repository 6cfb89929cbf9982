using CliWrap;

namespace Serverless.RenderWorker.Tests;

/// <summary>
/// Azurite in memory on free loopback ports. Stand-in for <see cref="AzuriteFixture"/>, which passes both
/// <c>--inMemoryPersistence</c> and <c>--location</c> and so cannot start with Azurite 3.35 ("The
/// --inMemoryPersistence option is not supported when the --location option is set"). Switch back to it once
/// the shared fixture drops <c>--location</c>.
/// </summary>
public sealed class LocalAzurite : IAsyncLifetime
{
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private BackgroundServer? _server;

    public int QueuePort { get; } = FreePort.Next();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var command = Cli.Wrap(RepoPaths.NodeBin("azurite-queue"))
            .WithArguments([
                "--silent",
                "--inMemoryPersistence",
                "--skipApiVersionCheck",
                "--disableTelemetry",
                "--disableProductStyleUrl",
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            ]);
        _server = await BackgroundServer.StartAsync(command, "azurite-queue", QueuePort);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
