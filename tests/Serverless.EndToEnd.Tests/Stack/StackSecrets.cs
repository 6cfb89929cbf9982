using System.Security.Cryptography;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>The secrets the stack runs with, fresh for each run, so the log scan can look for their values.</summary>
public sealed class StackSecrets
{
    public string WorkerToken { get; } = "e2e-worker-token-" + Random();

    /// <summary>s3rver checks the access key id (it knows only its own) but not the signature, so the secret is free.</summary>
    public string S3SecretKey { get; } = "e2e-s3-secret-" + Random();

    public string ElevenLabsApiKey => FakeElevenLabs.ApiKey;

    public string AzuriteAccountKey => AzuriteFixture.AccountKey;

    /// <summary>Secret values by name, for the log scan.</summary>
    public IReadOnlyDictionary<string, string> ByName =>
        new Dictionary<string, string>
        {
            ["WORKER_TOKEN"] = WorkerToken,
            ["AWS_SECRET_ACCESS_KEY"] = S3SecretKey,
            ["ELEVENLABS_API_KEY"] = ElevenLabsApiKey,
            ["storage account key"] = AzuriteAccountKey,
            // What the fake SadTalker prints to stderr in its leak_secret mode.
            ["leaked bearer token"] = "sk-live-secret-token-123456",
            ["leaked URL signature"] = "deadbeefcafe",
        };

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
