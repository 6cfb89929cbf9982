using System.Diagnostics.CodeAnalysis;

namespace Serverless.Contracts;

/// <summary>The one rule for "an absolute http(s) URL", used for settings, leased jobs and downloads on both sides.</summary>
public static class HttpUrl
{
    /// <summary>True for an absolute URL whose scheme is http or https.</summary>
    public static bool IsAbsoluteHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>True for a string that parses as an absolute http(s) URL; false for null, relative paths and other schemes.</summary>
    public static bool IsAbsoluteHttp([NotNullWhen(true)] string? value) => TryParse(value, out _);

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? url)
    {
        url = Uri.TryCreate(value, UriKind.Absolute, out var parsed) && IsAbsoluteHttp(parsed) ? parsed : null;
        return url is not null;
    }
}
