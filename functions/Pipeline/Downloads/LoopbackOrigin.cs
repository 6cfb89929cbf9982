using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Serverless.Pipeline.Downloads;

/// <summary>
/// One loopback <c>host:port</c> that input URLs may reach although loopback is refused in general: a part of a
/// local stack (s3rver, the dev backend) that serves inputs on loopback. The host is a loopback address
/// (<c>127.0.0.1</c>, <c>[::1]</c>) or <c>localhost</c> (both of those).
/// </summary>
public sealed record LoopbackOrigin(string Host, int Port)
{
    public const string Localhost = "localhost";

    /// <summary>Whether a connection to <paramref name="address"/>:<paramref name="port"/> is this origin.</summary>
    public bool Matches(IPAddress address, int port)
    {
        if (port != Port)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return Host == Localhost
            ? address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)
            : IPAddress.TryParse(Host.Trim('[', ']'), out var own) && own.Equals(address);
    }

    public override string ToString() => $"{Host}:{Port}";

    public static bool TryParse(string text, [NotNullWhen(true)] out LoopbackOrigin? origin)
    {
        origin = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return false;
        if (port is < 1 or > 65535)
            return false;
        var host = text[..colon].ToLowerInvariant();
        var isLoopback =
            host == Localhost
            || (
                IPAddress.TryParse(host.Trim('[', ']'), out var address)
                && (host.Contains(':') == host.StartsWith('['))
                && UrlGuard.Classify(address) == AddressKind.Loopback
            );
        if (!isLoopback)
            return false;
        origin = new LoopbackOrigin(host, port);
        return true;
    }

    /// <summary>Parses a comma-separated list; null when an entry is not a loopback <c>host:port</c> (<paramref name="bad"/> names it).</summary>
    public static IReadOnlyList<LoopbackOrigin>? ParseList(string? list, out string? bad)
    {
        bad = null;
        var origins = new List<LoopbackOrigin>();
        foreach (var entry in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(entry, out var origin))
            {
                bad = entry;
                return null;
            }
            origins.Add(origin);
        }
        return origins;
    }
}
