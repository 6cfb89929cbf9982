namespace Serverless.Contracts.Tests;

public sealed class HttpUrlTests
{
    [Theory]
    [InlineData("http://example.com/a.png")]
    [InlineData("https://example.com/a.png?X-Amz-Signature=abc")]
    [InlineData("HTTPS://EXAMPLE.COM/")]
    [InlineData("http://127.0.0.1:9000/bucket/key")]
    public void An_absolute_http_or_https_URL_is_accepted(string value)
    {
        Assert.True(HttpUrl.IsAbsoluteHttp(value));
        Assert.True(HttpUrl.TryParse(value, out var url));
        Assert.Equal(new Uri(value), url);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("example.com/a.png")]
    [InlineData("/tmp/a.png")]
    [InlineData("file:///tmp/a.png")]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("javascript:alert(1)")]
    public void Anything_else_is_refused(string? value)
    {
        Assert.False(HttpUrl.IsAbsoluteHttp(value));
        Assert.False(HttpUrl.TryParse(value, out var url));
        Assert.Null(url);
    }

    [Fact]
    public void A_relative_Uri_is_refused_and_an_absolute_http_Uri_accepted()
    {
        Assert.False(HttpUrl.IsAbsoluteHttp(new Uri("a/b.png", UriKind.Relative)));
        Assert.False(HttpUrl.IsAbsoluteHttp(new Uri("file:///tmp/a.png")));
        Assert.True(HttpUrl.IsAbsoluteHttp(new Uri("https://example.com/a.png")));
    }
}
