using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Downloads;

/// <summary>ALLOWED_LOOPBACK_ORIGINS: loopback only where a local stack serves inputs, not every local service.</summary>
public sealed class LoopbackOriginsTests
{
    private static UrlGuard Guard(string? origins, bool allowLoopback = false) =>
        new(Options.Create(new DownloadOptions { AllowLoopbackUrls = allowLoopback, AllowedLoopbackOrigins = origins }));

    [Theory]
    [InlineData("127.0.0.1:4568,127.0.0.1:8080", "127.0.0.1", 4568, true)]
    [InlineData("127.0.0.1:4568,127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("127.0.0.1:4568,127.0.0.1:8080", "127.0.0.1", 10000, false)] // Azurite's blob port
    [InlineData("127.0.0.1:4568,127.0.0.1:8080", "127.0.0.2", 4568, false)]
    [InlineData("127.0.0.1:4568,127.0.0.1:8080", "::1", 4568, false)]
    [InlineData("127.0.0.1:4568", "::ffff:127.0.0.1", 4568, true)]
    [InlineData("localhost:8080", "::1", 8080, true)]
    [InlineData("localhost:8080", "127.0.0.1", 8080, true)]
    [InlineData("[::1]:8080", "::1", 8080, true)]
    [InlineData("[::1]:8080", "127.0.0.1", 8080, false)]
    [InlineData("", "127.0.0.1", 4568, false)]
    [InlineData(null, "127.0.0.1", 4568, false)]
    [InlineData("127.0.0.1:4568", "8.8.8.8", 4568, true)]
    [InlineData("127.0.0.1:4568", "10.0.0.1", 4568, false)]
    public void Loopback_is_allowed_only_on_the_listed_origins(string? origins, string address, int port, bool allowed) =>
        Assert.Equal(allowed, Guard(origins).Allows(IPAddress.Parse(address), port));

    [Theory]
    [InlineData("127.0.0.1", 10000)]
    [InlineData("::1", 1)]
    [InlineData("127.9.9.9", 65535)]
    public void Allow_loopback_urls_still_allows_every_loopback_port(string address, int port) =>
        Assert.True(Guard(origins: null, allowLoopback: true).Allows(IPAddress.Parse(address), port));

    [Fact]
    public void A_literal_url_to_azurite_is_refused_when_only_the_stores_of_the_stack_are_listed()
    {
        var guard = Guard("127.0.0.1:4568,127.0.0.1:8080");

        guard.CheckUrl(new Uri("http://127.0.0.1:4568/talking-head/uploads/u1/face.png?X-Amz-Signature=x"));
        var error = Assert.Throws<InputRejectedException>(() =>
            guard.CheckUrl(new Uri("http://127.0.0.1:10000/devstoreaccount1/azure-webjobs-hosts/x?sig=secret"))
        );
        Assert.Contains("ALLOWED_LOOPBACK_ORIGINS", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.1:80")]
    [InlineData("example.com:443")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("::1:8080")]
    [InlineData("127.0.0.1:4568,0.0.0.0:80")]
    public void A_list_entry_that_is_not_a_loopback_host_and_port_stops_the_host_at_start_up(string origins)
    {
        var error = Assert.Throws<OptionsValidationException>(() => PipelineServices.Build(("ALLOWED_LOOPBACK_ORIGINS", origins)));

        Assert.Contains("ALLOWED_LOOPBACK_ORIGINS", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_download_reaches_a_listed_loopback_server_and_is_refused_from_an_unlisted_one()
    {
        byte[] image = [1, 2, 3, 4];
        await using var listed = await LoopbackServer.StartAsync(app => app.MapGet("/face.png", () => Results.Bytes(image, "image/png")));
        await using var unlisted = await LoopbackServer.StartAsync(app => app.MapGet("/face.png", () => Results.Bytes(image, "image/png")));
        await using var services = PipelineServices.Build(("ALLOWED_LOOPBACK_ORIGINS", $"127.0.0.1:{listed.BaseUrl.Port}"));
        var downloader = services.GetRequiredService<InputDownloader>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        using var destination = new MemoryStream();
        await downloader.DownloadAsync(listed.Url("face.png"), 1000, destination, timeout.Token);
        Assert.Equal(image, destination.ToArray());

        await Assert.ThrowsAsync<InputRejectedException>(() =>
            downloader.DownloadAsync(unlisted.Url("face.png"), 1000, Stream.Null, timeout.Token)
        );
        await Assert.ThrowsAsync<InputRejectedException>(() =>
            downloader.DownloadAsync(new Uri($"http://localhost:{unlisted.BaseUrl.Port}/face.png"), 1000, Stream.Null, timeout.Token)
        );
    }
}
