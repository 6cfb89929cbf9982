using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Backend;

public sealed class BackendClientTests : IAsyncLifetime
{
    private const string Id = "665f1c2ab3d4e5f601234567";
    private FakeBackend _backend = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _backend = await FakeBackend.StartAsync();
        _services = PipelineServices.Build(("BACKEND_URL", _backend.BaseUrl.ToString().TrimEnd('/')), ("BACKEND_TIMEOUT_SECONDS", "2"));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private IBackendClient Client => _services.GetRequiredService<IBackendClient>();

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact(Timeout = 20_000)]
    public async Task An_empty_queue_leases_nothing() => Assert.IsType<LeaseResult.Empty>(await Client.LeaseAsync(Timeout));

    [Fact(Timeout = 20_000)]
    public async Task A_queued_job_is_leased()
    {
        _backend.EnqueueJob(Id, text: "Hi from the backend.");

        var leased = Assert.IsType<LeaseResult.Leased>(await Client.LeaseAsync(Timeout));

        Assert.Equal(Id, leased.Job.Id);
        Assert.Equal("alice", leased.Job.Namespace);
        Assert.Equal("Hi from the backend.", leased.Job.Text);
        Assert.Equal(1, _backend.LeaseCalls);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_job_of_an_unknown_kind_is_rejected_with_its_id()
    {
        _backend.EnqueueJob(Id, FakeBackend.Job(Id).Replace("talking-head", "karaoke"));

        var rejected = Assert.IsType<LeaseResult.Rejected>(await Client.LeaseAsync(Timeout));

        Assert.Equal(Id, rejected.JobId);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_wrong_token_is_an_auth_error()
    {
        await using var services = PipelineServices.Build(
            ("BACKEND_URL", _backend.BaseUrl.ToString()),
            ("WORKER_TOKEN", "wrong-token-value")
        );

        await Assert.ThrowsAsync<BackendAuthException>(() => services.GetRequiredService<IBackendClient>().LeaseAsync(Timeout));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_500_makes_the_backend_unavailable_and_the_lease_is_not_retried()
    {
        _backend.EnqueueLeaseAnswer(500, """{"error":"Failed to lease job"}""");
        _backend.EnqueueJob(Id);

        await Assert.ThrowsAsync<BackendUnavailableException>(() => Client.LeaseAsync(Timeout));

        Assert.Equal(1, _backend.LeaseCalls);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("")]
    [InlineData("""{"job":"665f1c2ab3d4e5f601234567"}""")]
    public async Task A_garbage_body_makes_the_backend_unavailable(string body)
    {
        _backend.EnqueueLeaseAnswer(200, body);

        await Assert.ThrowsAsync<BackendUnavailableException>(() => Client.LeaseAsync(Timeout));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_refused_connection_makes_the_backend_unavailable()
    {
        await using var services = PipelineServices.Build(("BACKEND_URL", $"http://127.0.0.1:{FreePort.Next()}"));

        await Assert.ThrowsAsync<BackendUnavailableException>(() => services.GetRequiredService<IBackendClient>().LeaseAsync(Timeout));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_lease_call_that_times_out_logs_a_structured_warning_that_a_job_may_be_leased_without_an_instance()
    {
        await using var slow = await LoopbackServer.StartAsync(app =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(
                app,
                "/api/render-internal/next-job",
                async (Microsoft.AspNetCore.Http.HttpContext context) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted)
            )
        );
        var logs = new CapturingLoggerProvider();
        await using var services = PipelineServices.Build(logs, ("BACKEND_URL", slow.BaseUrl.ToString()), ("BACKEND_TIMEOUT_SECONDS", "1"));

        await Assert.ThrowsAsync<BackendUnavailableException>(() => services.GetRequiredService<IBackendClient>().LeaseAsync(Timeout));

        var warning = Assert.Single(logs.Entries, e => e.EventId == BackendClient.LeaseMayBeLost);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Equal(1, warning.Values["TimeoutSeconds"]);
        Assert.Contains("may have leased a job", warning.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_succeeded_report_is_sent_as_the_exact_wire_json()
    {
        _backend.EnqueueJob(Id);
        var report = JobReport.Succeeded(
            new JobOutput
            {
                VideoKey = $"outputs/alice/{Id}.mp4",
                DurationSec = 12.34,
                Renderer = "ffmpeg",
                PosterKey = $"outputs/alice/{Id}.jpg",
            },
            new JobTimings
            {
                TtsMs = 1200,
                SadTalkerMs = 45000,
                UploadMs = 300,
            }
        );

        await Client.ReportAsync(Id, report, Timeout);

        var recorded = Assert.Single(_backend.Reports);
        Assert.Equal(Id, recorded.JobId);
        Assert.Equal("application/json; charset=utf-8", recorded.ContentType);
        Assert.Equal(
            $$$"""{"status":"succeeded","output":{"videoKey":"outputs/alice/{{{Id}}}.mp4","durationSec":12.34,"renderer":"ffmpeg","posterKey":"outputs/alice/{{{Id}}}.jpg"},"timings":{"tts_ms":1200,"sadtalker_ms":45000,"upload_ms":300}}""",
            recorded.RawBody
        );
    }

    [Fact(Timeout = 20_000)]
    public async Task A_failed_report_carries_the_error_and_zero_timings()
    {
        _backend.EnqueueJob(Id);

        await Client.ReportAsync(Id, JobReport.Failed("No face was found in the image."), Timeout);

        Assert.Equal(
            """{"status":"failed","error":"No face was found in the image.","timings":{"tts_ms":0,"sadtalker_ms":0,"upload_ms":0}}""",
            Assert.Single(_backend.Reports).RawBody
        );
    }

    [Fact(Timeout = 20_000)]
    public async Task Reporting_an_unknown_job_is_a_permanent_failure()
    {
        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            Client.ReportAsync("665f1c2ab3d4e5f6deadbeef", JobReport.Failed("x"), Timeout)
        );

        Assert.Contains("404", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_500_on_report_makes_the_backend_unavailable()
    {
        _backend.EnqueueJob(Id);
        _backend.EnqueueReportAnswer(500, """{"error":"boom"}""");

        await Assert.ThrowsAsync<BackendUnavailableException>(() => Client.ReportAsync(Id, JobReport.Failed("x"), Timeout));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_slow_backend_times_out_as_unavailable()
    {
        await using var slow = await LoopbackServer.StartAsync(app =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(
                app,
                "/api/render-internal/next-job",
                async (Microsoft.AspNetCore.Http.HttpContext context) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted)
            )
        );
        await using var services = PipelineServices.Build(("BACKEND_URL", slow.BaseUrl.ToString()), ("BACKEND_TIMEOUT_SECONDS", "1"));

        await Assert.ThrowsAsync<BackendUnavailableException>(() => services.GetRequiredService<IBackendClient>().LeaseAsync(Timeout));
    }

    [Fact]
    public void An_invalid_backend_url_fails_validation_at_start()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            PipelineServices.Build(("BACKEND_URL", "ftp://example.com"))
        );

        Assert.Contains("BACKEND_URL", error.Message);
    }
}
