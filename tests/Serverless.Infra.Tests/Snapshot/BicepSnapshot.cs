using System.Diagnostics;
using System.Text.Json.Nodes;
using Serverless.TestFixtures;

namespace Serverless.Infra.Tests.Snapshot;

/// <summary>
/// What infra/main.bicep deploys, evaluated by the Bicep CLI's <c>snapshot</c> command (no Azure needed) for
/// <see cref="Parameters"/>: the predicted resources with every value ARM knows before the deployment starts.
/// Values known only at deployment time (client ids, endpoints, Key Vault references) stay ARM expressions;
/// <see cref="RuntimeValues"/> replaces them with dummies.
/// </summary>
internal static class BicepSnapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000a2";
    public const string Location = "swedencentral";

    /// <summary>The required parameters (dummy secrets included), as azd would pass them.</summary>
    public static IReadOnlyDictionary<string, string> Parameters { get; } =
        new Dictionary<string, string>
        {
            ["environmentName"] = "composition",
            ["location"] = Location,
            ["workerToken"] = "dummy-worker-token",
            ["elevenLabsApiKey"] = "dummy-elevenlabs-key",
            ["awsAccessKeyId"] = "dummy-access-key-id",
            ["awsSecretAccessKey"] = "dummy-secret-access-key",
            ["backendUrl"] = "https://backend.example.com",
            ["s3Bucket"] = "talking-head",
        };

    private static readonly Lazy<JsonObject> s_snapshot = new(Take);

    private static readonly Lazy<JsonObject> s_compiled = new(() =>
        JsonNode.Parse(Run("build", Path.Combine(RepoPaths.Root, "infra", "main.bicep"), "--stdout"))!.AsObject()
    );

    /// <summary>The compiled ARM template of infra/main.bicep (languageVersion 2.0: resources by symbolic name).</summary>
    public static JsonObject Compiled => s_compiled.Value;

    public static IReadOnlyList<JsonObject> Resources =>
        s_snapshot.Value["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();

    public static JsonObject Resource(string type) =>
        Resources.SingleOrDefault(r => (string?)r["type"] == type)
        ?? throw new InvalidOperationException($"The snapshot of infra/main.bicep has no single {type}.");

    /// <summary>The function app's app settings, as the template writes them (runtime values still expressions).</summary>
    public static IReadOnlyDictionary<string, string> FunctionAppSettings() =>
        Resource("Microsoft.Web/sites/config")["properties"]!
            .AsObject()
            .ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    /// <summary>The render job container's environment, as the template writes it.</summary>
    public static IReadOnlyDictionary<string, string> RenderJobEnvironment() =>
        RenderJobContainer()["env"]!
            .AsArray()
            .Select(e => e!.AsObject())
            .ToDictionary(e => (string)e["name"]!, e => (string)e["value"]!, StringComparer.Ordinal);

    public static JsonObject RenderJobContainer() =>
        Resource("Microsoft.App/jobs")["properties"]!["template"]!["containers"]!.AsArray().Single()!.AsObject();

    private static JsonObject Take()
    {
        var dir = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            var main = Path.Combine(RepoPaths.Root, "infra", "main.bicep");
            var parameters = Path.Combine(dir.FullName, "composition.bicepparam");
            var lines = new List<string> { $"using '{Path.GetRelativePath(dir.FullName, main).Replace('\\', '/')}'" };
            lines.AddRange(Parameters.Select(p => $"param {p.Key} = '{p.Value}'"));
            File.WriteAllLines(parameters, lines);

            Run(
                "snapshot",
                parameters,
                "--subscription-id",
                SubscriptionId,
                "--tenant-id",
                TenantId,
                "--location",
                Location,
                "--deployment-name",
                "composition"
            );
            var json = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(parameters, ".snapshot.json")))!.AsObject();
            var errors =
                json["diagnostics"]
                    ?.AsArray()
                    .Select(d => d!.ToJsonString())
                    .Where(d => d.Contains("\"Error\"", StringComparison.OrdinalIgnoreCase))
                    .ToList()
                ?? [];
            Assert.True(errors.Count == 0, "bicep snapshot reported errors: " + string.Join("; ", errors));
            return json;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs the pinned Bicep CLI through scripts/bicep.sh (which restores it from NuGet on first use).</summary>
    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "bicep.sh"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/bicep.sh " + string.Join(' ', arguments) + " did not finish in 3 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"scripts/bicep.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {stdout.Result}{stderr.Result}"
            );
        return stdout.Result;
    }
}
