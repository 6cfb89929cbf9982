using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.Infra.Tests.Snapshot;
using Serverless.Pipeline.Chunking;
using Serverless.TestFixtures;

namespace Serverless.Infra.Tests;

public sealed partial class RenderJobTests
{
    [Fact]
    public void The_worker_is_told_the_replica_timeout_of_its_job()
    {
        var job = BicepSnapshot.Resource("Microsoft.App/jobs");
        var replicaTimeout = (int)job["properties"]!["configuration"]!["replicaTimeout"]!;

        var told = BicepSnapshot.RenderJobEnvironment()["RENDER_REPLICA_TIMEOUT_SECONDS"];

        Assert.Equal(replicaTimeout.ToString(CultureInfo.InvariantCulture), told);
    }

    [Fact]
    public void The_replica_limit_is_the_renderMaxReplicas_parameter_whose_default_lets_one_long_job_render_all_its_chunks_at_once()
    {
        var parameter = BicepSnapshot.Compiled["parameters"]!["renderMaxReplicas"]!;
        var passed = BicepSnapshot.Compiled["resources"]!["renderJob"]!["properties"]!["parameters"]!["maxExecutions"]!["value"];
        var deployed = (int)Scale()["maxExecutions"]!; // the snapshot passes no renderMaxReplicas: its default

        Assert.Equal("[parameters('renderMaxReplicas')]", (string?)passed);
        Assert.False(string.IsNullOrWhiteSpace((string?)parameter["metadata"]?["description"]));
        Assert.Equal(8, (int)parameter["defaultValue"]!);
        Assert.Equal(new ChunkingOptions().MaxParallelChunks, (int)parameter["defaultValue"]!);
        Assert.Equal((int)parameter["defaultValue"]!, deployed);
    }

    [Fact]
    public void Azd_passes_the_templates_default_replica_limit_when_RENDER_MAX_REPLICAS_is_not_set()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!;
        var value = (string)parameters["parameters"]!["renderMaxReplicas"]!["value"]!;

        var match = AzdDefault().Match(value);

        Assert.True(match.Success, $"renderMaxReplicas is not '${{RENDER_MAX_REPLICAS=<default>}}' in main.parameters.json: {value}");
        Assert.Equal(
            (int)BicepSnapshot.Compiled["parameters"]!["renderMaxReplicas"]!["defaultValue"]!,
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        );
    }

    [Fact]
    public void The_queue_scaler_starts_one_single_replica_execution_per_queued_request()
    {
        // Each queued chunk of a split job must get a GPU of its own: one execution per message, one replica per execution.
        var trigger = BicepSnapshot.Resource("Microsoft.App/jobs")["properties"]!["configuration"]!["eventTriggerConfig"]!;
        var rule = Assert.Single(Scale()["rules"]!.AsArray())!;

        Assert.Equal("azure-queue", (string?)rule["type"]);
        Assert.Equal("render-requests", (string?)rule["metadata"]!["queueName"]);
        Assert.Equal("1", (string?)rule["metadata"]!["queueLength"]);
        Assert.Equal(1, (int)trigger["parallelism"]!);
        Assert.Equal(1, (int)trigger["replicaCompletionCount"]!);
        Assert.Equal(0, (int)Scale()["minExecutions"]!);
    }

    private static JsonNode Scale() =>
        BicepSnapshot.Resource("Microsoft.App/jobs")["properties"]!["configuration"]!["eventTriggerConfig"]!["scale"]!;

    [GeneratedRegex(@"^\$\{RENDER_MAX_REPLICAS=(\d+)\}$")]
    private static partial Regex AzdDefault();
}
