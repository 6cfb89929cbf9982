using System.Security.Cryptography;

namespace Serverless.TestFixtures;

/// <summary>
/// How a <see cref="StackLauncher"/> starts the local stack: where it writes, and the settings each program gets
/// on top of the wiring the launcher does itself (storage, S3, backend URL and token, as scripts/up.sh does).
/// </summary>
public sealed record StackLaunchSettings
{
    private static readonly IReadOnlyDictionary<string, string?> s_none = new Dictionary<string, string?>();

    /// <summary>Each program logs to <c>logs/&lt;name&gt;.log</c> under it; Azurite's data and scratch files go to <c>work/</c>.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Render-worker processes, each one consumer like one GPU container.</summary>
    public int RenderWorkers { get; init; } = 1;

    public string WorkerToken { get; init; } = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>s3rver checks no signatures: any value works, and a test can look for it in the logs.</summary>
    public string S3SecretKey { get; init; } = S3ServerFixture.SecretKey;

    /// <summary>Given to every .NET program of the stack, before its own settings.</summary>
    public IReadOnlyDictionary<string, string?> Common { get; init; } = s_none;

    public IReadOnlyDictionary<string, string?> PipelineHost { get; init; } = s_none;

    public IReadOnlyDictionary<string, string?> RenderWorker { get; init; } = s_none;
}
