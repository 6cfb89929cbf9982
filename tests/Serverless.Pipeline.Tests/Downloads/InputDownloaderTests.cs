using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Downloads;

public sealed class InputDownloaderTests : IAsyncLifetime
{
    private static readonly byte[] s_image = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/face.png", () => Results.Bytes(s_image, "image/png"));
            app.MapGet(
                "/chunked",
                async (HttpContext context) =>
                {
                    context.Response.ContentType = "image/png";
                    for (var i = 0; i < 10; i++)
                    {
                        await context.Response.Body.WriteAsync(s_image);
                        await context.Response.Body.FlushAsync();
                    }
                }
            );
            app.MapGet("/missing.png", () => Results.NotFound());
            app.MapGet("/broken.png", () => Results.StatusCode(500));
            app.MapGet("/redirect", () => Results.Redirect("/face.png?X-Amz-Signature=second"));
            app.MapGet("/loop", () => Results.Redirect("/loop?sig=x"));
            app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/?token=x"));
            app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
            app.MapGet("/slow", async (HttpContext context) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    private static ServiceProvider Services(bool allowLoopback, int timeoutSeconds = 10) =>
        PipelineServices.Build(
            ("ALLOW_LOOPBACK_URLS", allowLoopback ? "true" : "false"),
            ("DOWNLOAD_TIMEOUT_SECONDS", timeoutSeconds.ToString())
        );

    private static async Task<(DownloadedInput Input, byte[] Bytes)> DownloadAsync(
        Uri url,
        long maxBytes = 1_000_000,
        bool allowLoopback = true
    )
    {
        await using var services = Services(allowLoopback);
        using var destination = new MemoryStream();
        var input = await services.GetRequiredService<InputDownloader>().DownloadAsync(url, maxBytes, destination, Timeout);
        return (input, destination.ToArray());
    }

    [Fact(Timeout = 20_000)]
    public async Task A_loopback_url_downloads_when_loopback_is_allowed()
    {
        var (input, bytes) = await DownloadAsync(_server.Url("face.png?X-Amz-Signature=secret"));

        Assert.Equal(new DownloadedInput(s_image.Length, "image/png"), input);
        Assert.Equal(s_image, bytes);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_loopback_url_is_refused_by_default_and_the_message_names_no_query()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() =>
            DownloadAsync(_server.Url("face.png?X-Amz-Signature=secret"), allowLoopback: false)
        );

        Assert.Contains("127.0.0.1", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_host_name_resolving_to_loopback_is_refused_at_connect_time()
    {
        var url = new Uri($"http://localhost:{_server.BaseUrl.Port}/face.png?sig=secret");

        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(url, allowLoopback: false));

        Assert.Contains("localhost", error.Message);
        Assert.Contains("loopback", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task Redirects_are_followed()
    {
        var (input, bytes) = await DownloadAsync(_server.Url("redirect"));

        Assert.Equal(s_image.Length, input.Bytes);
        Assert.Equal(s_image, bytes);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_redirect_to_the_metadata_address_is_refused()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(_server.Url("to-metadata")));

        Assert.Contains("169.254.169.254", error.Message);
        Assert.Contains("link-local", error.Message);
        Assert.DoesNotContain("token", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_redirect_to_a_file_url_is_refused() =>
        await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(_server.Url("to-file")));

    [Fact(Timeout = 20_000)]
    public async Task Too_many_redirects_are_refused()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(_server.Url("loop?sig=first")));

        Assert.Contains("Too many redirects", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/face.png")]
    public async Task Non_http_schemes_are_refused(string url)
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(new Uri(url)));

        Assert.Contains("only http and https", error.Message);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("http://10.1.2.3/x.png")]
    [InlineData("http://192.168.1.1/x.png")]
    [InlineData("http://[fe80::1]/x.png")]
    [InlineData("http://0.0.0.0/x.png")]
    public async Task Private_link_local_and_special_addresses_are_refused_even_with_loopback_allowed(string url)
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(new Uri(url), allowLoopback: true));

        Assert.StartsWith("Refused to download", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_response_larger_than_the_limit_by_content_length_is_refused()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => DownloadAsync(_server.Url("face.png?sig=1"), maxBytes: 1000));

        Assert.Contains("1000-byte limit", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_chunked_response_is_cut_off_at_the_limit_while_streaming()
    {
        await using var services = Services(allowLoopback: true);
        using var destination = new MemoryStream();

        await Assert.ThrowsAsync<InputRejectedException>(() =>
            services.GetRequiredService<InputDownloader>().DownloadAsync(_server.Url("chunked"), 25_000, destination, Timeout)
        );

        Assert.True(destination.Length <= 25_000);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_chunked_response_within_the_limit_downloads()
    {
        var (input, _) = await DownloadAsync(_server.Url("chunked"));

        Assert.Equal(10 * s_image.Length, input.Bytes);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_404_is_rejected_as_bad_input()
    {
        var error = await Assert.ThrowsAsync<InputRejectedException>(() =>
            DownloadAsync(_server.Url("missing.png?X-Amz-Signature=s3cr3t"))
        );

        Assert.Contains("404", error.Message);
        Assert.Contains("/missing.png", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_500_is_transient()
    {
        var error = await Assert.ThrowsAsync<InputUnavailableException>(() =>
            DownloadAsync(_server.Url("broken.png?X-Amz-Signature=s3cr3t"))
        );

        Assert.Contains("500", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_download_past_its_deadline_is_transient()
    {
        await using var services = Services(allowLoopback: true, timeoutSeconds: 1);

        var error = await Assert.ThrowsAsync<InputUnavailableException>(() =>
            services.GetRequiredService<InputDownloader>().DownloadAsync(_server.Url("slow?sig=zz"), 1000, Stream.Null, Timeout)
        );

        Assert.Contains("timed out", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
    }
}
