using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Tests;

public sealed class OptionsTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(null, null)]
    [InlineData("UseDevelopmentStorage=true", "https://account.queue.core.windows.net")]
    public async Task The_worker_refuses_to_start_without_exactly_one_queue_setting(string? connection, string? serviceUri)
    {
        using var host = Build(("RENDER_QUEUE_CONNECTION", connection), ("RENDER_QUEUE_SERVICE_URI", serviceUri));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RENDER_QUEUE_CONNECTION", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_worker_refuses_to_start_with_an_out_of_range_setting()
    {
        using var host = Build(("RENDER_QUEUE_CONNECTION", "UseDevelopmentStorage=true"), ("RENDER_CONCURRENCY", "0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(RenderWorkerOptions.Concurrency), error.Message);
    }

    [Fact]
    public void Settings_are_bound_from_root_upper_snake_keys_with_documented_defaults()
    {
        using var host = Build(
            ("RENDER_QUEUE_SERVICE_URI", "https://account.queue.core.windows.net"),
            ("RENDER_CONCURRENCY", "2"),
            ("RENDER_IDLE_EXIT_SECONDS", "60"),
            ("MAX_IMAGE_BYTES", "1234")
        );

        var worker = host.Services.GetRequiredService<IOptions<RenderWorkerOptions>>().Value;
        var transfer = host.Services.GetRequiredService<IOptions<TransferOptions>>().Value;
        var hostOptions = host.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(new Uri("https://account.queue.core.windows.net"), worker.QueueServiceUri);
        Assert.Equal((2, 60, 1234L), (worker.Concurrency, worker.IdleExitSeconds, transfer.MaxImageBytes));
        Assert.Equal(
            (3, 120, 100, 25),
            (worker.MaxDeliveries, worker.VisibilityTimeoutSeconds, worker.PollIntervalMs, worker.ShutdownGraceSeconds)
        );
        Assert.True(hostOptions.ShutdownTimeout > worker.ShutdownGrace, "the host waits longer than the grace period");
    }

    [Fact]
    public void The_download_attempt_timeout_and_the_image_limit_are_read_under_their_worker_names_only()
    {
        using var renamed = Build(
            ("RENDER_QUEUE_CONNECTION", "UseDevelopmentStorage=true"),
            ("DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS", "7"),
            ("MAX_IMAGE_BYTES", "4321")
        );
        using var pipelineNames = Build(
            ("RENDER_QUEUE_CONNECTION", "UseDevelopmentStorage=true"),
            ("DOWNLOAD_TIMEOUT_SECONDS", "5"),
            ("DOWNLOAD_MAX_IMAGE_BYTES", "5")
        );

        var transfer = renamed.Services.GetRequiredService<IOptions<TransferOptions>>().Value;
        var unaffected = pipelineNames.Services.GetRequiredService<IOptions<TransferOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(7), 4321L), (transfer.DownloadAttemptTimeout, transfer.MaxImageBytes));
        Assert.Equal((TimeSpan.FromSeconds(60), 20L * 1024 * 1024), (unaffected.DownloadAttemptTimeout, unaffected.MaxImageBytes));
    }

    private static IHost Build(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.Services.AddSingleton<IVideoRenderer>(new FakeVideoRenderer());
        builder.Services.AddOptions<RenderEngineOptions>().BindConfiguration(""); // as AddRenderEngine binds them
        builder.Services.AddRenderWorker();
        return builder.Build();
    }
}
