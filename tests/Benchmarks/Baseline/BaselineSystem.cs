using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3;
using CliWrap;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Benchmarks.Pipeline;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Baseline;

/// <summary>
/// The baseline's own dev backend (a second instance of the stack's, on the stack's S3 server, so that the
/// pipeline host does not lease the baseline's jobs) and the <see cref="BaselineWorker"/> working it.
/// </summary>
internal sealed class BaselineSystem : IAsyncDisposable
{
    private readonly BackgroundServer _backend;
    private readonly IAmazonS3 _s3;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    private BaselineSystem(BackgroundServer backend, IAmazonS3 s3, BaselineWorker worker, DevBackendClient jobs)
    {
        _backend = backend;
        _s3 = s3;
        Jobs = jobs;
        _worker = Task.Run(() => worker.RunAsync(_stop.Token));
    }

    public DevBackendClient Jobs { get; }

    public static async Task<BaselineSystem> StartAsync(
        StackInfo stack,
        IHttpClientFactory http,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var s3Settings = new S3Options
        {
            Bucket = stack.Bucket,
            Endpoint = stack.S3Endpoint,
            AccessKeyId = "S3RVER", // s3rver checks no signatures
            SecretAccessKey = "S3RVER",
        };
        var backend = await BackgroundServer.StartAsync(
            Cli.Wrap("dotnet")
                .WithArguments([
                    Path.Combine(RepoPaths.Root, "tests", "Serverless.DevBackend", "bin", "Release", "net10.0", "dev-backend.dll"),
                    "--urls",
                    url.ToString(),
                ])
                .WithEnvironmentVariables(
                    new Dictionary<string, string?>
                    {
                        ["WORKER_TOKEN"] = token,
                        ["S3_BUCKET"] = s3Settings.Bucket,
                        ["S3_ENDPOINT"] = s3Settings.Endpoint,
                        ["AWS_ACCESS_KEY_ID"] = s3Settings.AccessKeyId,
                        ["AWS_SECRET_ACCESS_KEY"] = s3Settings.SecretAccessKey,
                    }
                ),
            "baseline dev backend",
            port
        );

        var protocol = http.CreateClient(nameof(OldWorkerProtocol));
        protocol.BaseAddress = url;
        protocol.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var s3 = S3ClientFactory.Create(s3Settings);
        var tts = new EspeakTextToSpeech(Options.Create(new EspeakOptions()), NullLogger<EspeakTextToSpeech>.Instance);
        var worker = new BaselineWorker(new OldWorkerProtocol(protocol), http.CreateClient("downloads"), s3, stack.Bucket, tts, workDir);
        return new BaselineSystem(backend, s3, worker, BenchHttp.DevJobs(http, url));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _worker;
        await _backend.DisposeAsync();
        _s3.Dispose();
        _stop.Dispose();
    }
}
