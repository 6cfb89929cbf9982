using System.Text.RegularExpressions;

namespace Serverless.Contracts;

/// <summary>
/// Removes secrets from text that may reach logs, reports or queue messages: URL query strings (presigned
/// signatures), bearer tokens, API-key headers and AWS credential fragments, plus any literal secret values
/// registered at start-up.
/// </summary>
public static partial class SecretScrubber
{
    private const string Mask = "***";
    private static volatile string[] s_literals = [];

    /// <summary>Registers configured secret values (tokens, keys) so they are masked wherever they appear.</summary>
    public static void RegisterSecrets(params IEnumerable<string?> secrets)
    {
        var added = secrets.Where(s => !string.IsNullOrWhiteSpace(s) && s!.Length >= 6).Select(s => s!);
        s_literals = [.. s_literals.Union(added).OrderByDescending(s => s.Length)];
    }

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        foreach (var literal in s_literals)
            text = text.Replace(literal, Mask, StringComparison.Ordinal);
        text = UrlQuery().Replace(text, m => m.Groups["base"].Value + "?" + Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        text = KeyValueSecret().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        return text;
    }

    /// <summary>A URL without its query and fragment, safe to log.</summary>
    public static string Redact(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(url.Query) ? "" : "?" + Mask) : Mask;

    [GeneratedRegex(@"(?<base>\bhttps?://[^\s?""'<>]+)\?[^\s""'<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(
        @"(?<name>\b(?:xi-api-key|api[_-]?key|token|worker_token|secret|password|aws_secret_access_key|aws_access_key_id|x-amz-signature|x-amz-credential|sig|signature|accountkey)\b)(?<sep>\s*[:=]\s*""?)[^\s""&;,]+",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex KeyValueSecret();
}
