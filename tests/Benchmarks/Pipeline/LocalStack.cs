using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>
/// The stack under test, started by the shared <see cref="StackLauncher"/> (the processes scripts/up.sh starts) in
/// a private run folder: Azurite, s3rver, the dev backend, K render workers and the pipeline host. Disposing
/// stops them all and keeps the logs.
/// </summary>
internal sealed class LocalStack(StackLauncher stack) : IAsyncDisposable
{
    public StackInfo Info { get; } =
        new(
            stack.BackendUrl,
            stack.S3.Endpoint,
            S3ServerFixture.Bucket,
            stack.PipelineHost.ProcessId,
            [.. stack.RenderWorkers.Select(w => w.ProcessId)]
        );

    public string LogsDir => stack.LogDirectory;

    public string WorkDir => stack.WorkDirectory;

    public static async Task<LocalStack> StartAsync(PipelineSettings settings)
    {
        var runDir = Directory.CreateTempSubdirectory("bench-stack-").FullName;
        var stack = await StackLauncher.StartAsync(
            new StackLaunchSettings
            {
                RunDirectory = runDir,
                RenderWorkers = settings.Workers,
                Common = settings.StackEnvironment,
            }
        );
        return new LocalStack(stack);
    }

    public ValueTask DisposeAsync() => stack.DisposeAsync();
}
