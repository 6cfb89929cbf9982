using System.Text.Json.Nodes;
using Serverless.TestFixtures;

namespace Serverless.Infra.Tests;

/// <summary>The Functions app's host.json (at the repository root, linked into the build of functions/FunctionApp).</summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode s_host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

    [Fact]
    public void Durable_queues_are_polled_at_most_two_seconds_apart_after_an_idle_spell()
    {
        // The Azure Storage provider backs off to 30 s by default: every orchestration step after a quiet spell
        // could wait that long. The price is storage transactions (docs/deploy.md).
        var interval = TimeSpan.Parse((string)s_host["extensions"]!["durableTask"]!["storageProvider"]!["maxQueuePollingInterval"]!);

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Azure_sdk_request_logs_are_kept_to_warnings()
    {
        Assert.Equal("Warning", (string?)s_host["logging"]!["logLevel"]!["Azure.Core"]);
    }
}
