using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Downloads;

/// <summary>
/// Keeps input downloads on the public internet (no SSRF into loopback, private networks or cloud metadata).
/// <see cref="CheckUrl"/> refuses bad schemes and literal addresses early; <see cref="ConnectAsync"/>, the
/// handler's ConnectCallback, resolves the host, checks every address and connects to a checked one, so a DNS
/// answer that changes between check and use (rebinding) cannot slip through.
/// </summary>
public sealed class UrlGuard(IOptions<DownloadOptions> options)
{
    private readonly Lazy<IReadOnlyList<LoopbackOrigin>> _origins = new(() => options.Value.LoopbackOrigins());

    private bool AllowLoopback => options.Value.AllowLoopbackUrls;

    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    public static bool IsAllowed(IPAddress address, bool allowLoopback) =>
        Classify(address) switch
        {
            AddressKind.Public => true,
            AddressKind.Loopback => allowLoopback,
            _ => false,
        };

    /// <summary>
    /// Whether a connection to <paramref name="address"/> on <paramref name="port"/> may be made: public addresses
    /// always; loopback ones with ALLOW_LOOPBACK_URLS, or when they are one of ALLOWED_LOOPBACK_ORIGINS; others never.
    /// </summary>
    public bool Allows(IPAddress address, int port) =>
        Classify(address) switch
        {
            AddressKind.Public => true,
            AddressKind.Loopback => AllowLoopback || _origins.Value.Any(o => o.Matches(address, port)),
            _ => false,
        };

    /// <summary>Throws <see cref="InputRejectedException"/> for a non-http(s) URL or a refused literal address.</summary>
    public void CheckUrl(Uri url)
    {
        if (!HttpUrl.IsAbsoluteHttp(url))
            throw new InputRejectedException($"Refused to download {SecretScrubber.Redact(url)}: only http and https URLs are allowed.");
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && !Allows(literal, url.Port))
            throw new InputRejectedException(Refusal(url.IdnHost, literal));
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that only connects to allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var port = context.DnsEndPoint.Port;
        var allowed = addresses.Where(a => Allows(a, port)).ToArray();
        if (allowed.Length == 0)
            throw new AddressRefusedException(
                addresses.Length == 0 ? $"{host} does not resolve to any address." : Refusal(host, addresses[0])
            );

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string Refusal(string host, IPAddress address) =>
        $"Refused to download from {host}: its address {address} is {Describe(Classify(address))}"
        + (
            Classify(address) == AddressKind.Loopback && !AllowLoopback
                ? " and not one of ALLOWED_LOOPBACK_ORIGINS (a local stack names its loopback stores there)."
                : "."
        );

    private static string Describe(AddressKind kind) =>
        kind switch
        {
            AddressKind.Loopback => "a loopback address",
            AddressKind.Private => "a private network address",
            AddressKind.LinkLocal => "a link-local address",
            AddressKind.Platform => "a cloud platform address",
            AddressKind.Special => "not a routable unicast address",
            _ => "public",
        };

    // Special-purpose ranges from the IANA registries (RFC 6890 and successors); anything not listed is public.
    private static AddressKind ClassifyV4(ReadOnlySpan<byte> b) =>
        b switch
        {
            [127, ..] => AddressKind.Loopback,
            [10, ..] => AddressKind.Private,
            [172, >= 16 and <= 31, ..] => AddressKind.Private,
            [192, 168, ..] => AddressKind.Private,
            [100, >= 64 and <= 127, ..] => AddressKind.Private, // carrier-grade NAT, 100.64.0.0/10
            [169, 254, ..] => AddressKind.LinkLocal,
            [168, 63, 129, 16] => AddressKind.Platform, // Azure's wire server (DHCP, DNS, VM agent)
            [0, ..] => AddressKind.Special,
            [192, 0, 0, _] => AddressKind.Special, // IETF protocol assignments, 192.0.0.0/24
            [192, 0, 2, _] => AddressKind.Special, // documentation, TEST-NET-1
            [198, 51, 100, _] => AddressKind.Special, // documentation, TEST-NET-2
            [203, 0, 113, _] => AddressKind.Special, // documentation, TEST-NET-3
            [198, 18 or 19, ..] => AddressKind.Special, // benchmarking, 198.18.0.0/15
            [>= 224, ..] => AddressKind.Special, // multicast 224.0.0.0/4, reserved 240.0.0.0/4, broadcast
            _ => AddressKind.Public,
        };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
            return AddressKind.Loopback;
        if (address.Equals(IPAddress.IPv6None) || address.IsIPv6Multicast)
            return AddressKind.Special;
        if (address.IsIPv6LinkLocal)
            return AddressKind.LinkLocal;
        var bytes = address.GetAddressBytes();
        if ((bytes[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal)
            return AddressKind.Private;
        ReadOnlySpan<byte> b = bytes;
        // IPv4-compatible (::a.b.c.d, deprecated) and well-known NAT64 (64:ff9b::a.b.c.d) forms embed an IPv4 address.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0 || b[..12].SequenceEqual(Nat64Prefix))
            return ClassifyV4(b[12..]);
        // Local-use NAT64 (64:ff9b:1::/48, RFC 8215) translates into someone's own network, with an embedding
        // its operator chooses: refused whatever it carries.
        if (b[..6].SequenceEqual(LocalNat64Prefix))
            return AddressKind.Private;
        // 6to4 (2002:a.b.c.d::/48) routes to the IPv4 address in bits 16-47.
        if (b[0] == 0x20 && b[1] == 0x02)
            return ClassifyV4(b[2..6]);
        if (b[..4].SequenceEqual(DocumentationPrefix))
            return AddressKind.Special;
        return AddressKind.Public;
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];

    private static ReadOnlySpan<byte> LocalNat64Prefix => [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01];

    private static ReadOnlySpan<byte> DocumentationPrefix => [0x20, 0x01, 0x0D, 0xB8];
}

/// <summary>Thrown by the connect callback; surfaces wrapped in an <see cref="HttpRequestException"/>.</summary>
public sealed class AddressRefusedException(string message) : Exception(message);
