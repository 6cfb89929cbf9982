using System.Net;
using Serverless.Pipeline.Downloads;

namespace Serverless.Pipeline.Tests.Downloads;

public sealed class UrlGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.8.9.10", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("0.0.0.0", AddressKind.Special)]
    [InlineData("::", AddressKind.Special)]
    [InlineData("224.0.0.1", AddressKind.Special)]
    [InlineData("255.255.255.255", AddressKind.Special)]
    [InlineData("ff02::1", AddressKind.Special)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("2606:4700:4700::1111", AddressKind.Public)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    public void Addresses_are_classified(string address, AddressKind expected) =>
        Assert.Equal(expected, UrlGuard.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("198.18.0.1", AddressKind.Special)] // benchmarking 198.18.0.0/15
    [InlineData("198.19.255.254", AddressKind.Special)]
    [InlineData("192.0.0.8", AddressKind.Special)] // IETF protocol assignments 192.0.0.0/24
    [InlineData("192.0.2.10", AddressKind.Special)] // documentation TEST-NET-1
    [InlineData("198.51.100.7", AddressKind.Special)] // documentation TEST-NET-2
    [InlineData("203.0.113.99", AddressKind.Special)] // documentation TEST-NET-3
    [InlineData("2001:db8::1", AddressKind.Special)] // documentation 2001:db8::/32
    [InlineData("240.0.0.1", AddressKind.Special)] // reserved 240.0.0.0/4
    [InlineData("100.127.255.254", AddressKind.Private)] // carrier-grade NAT 100.64.0.0/10
    [InlineData("64:ff9b::10.0.0.1", AddressKind.Private)] // NAT64 64:ff9b::/96 carries its IPv4
    [InlineData("64:ff9b:1::8.8.8.8", AddressKind.Private)] // local-use NAT64 64:ff9b:1::/48
    [InlineData("2002:a9fe:a9fe::1", AddressKind.LinkLocal)] // 6to4 2002::/16 carries its IPv4
    [InlineData("2002:7f00:1::", AddressKind.Loopback)]
    [InlineData("168.63.129.16", AddressKind.Platform)] // Azure's platform address
    [InlineData("::ffff:168.63.129.16", AddressKind.Platform)]
    public void Special_purpose_ranges_are_not_public(string address, AddressKind expected) =>
        Assert.Equal(expected, UrlGuard.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("198.20.0.1")]
    [InlineData("192.0.3.1")]
    [InlineData("203.0.114.1")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("168.63.129.17")]
    [InlineData("2001:db9::1")]
    public void Addresses_next_to_the_special_ranges_stay_public(string address) =>
        Assert.Equal(AddressKind.Public, UrlGuard.Classify(IPAddress.Parse(address)));

    [Fact]
    public void The_platform_address_is_refused_even_with_loopback_allowed() =>
        Assert.False(UrlGuard.IsAllowed(IPAddress.Parse("168.63.129.16"), allowLoopback: true));

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("10.1.2.3", true, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("8.8.8.8", false, true)]
    public void Loopback_is_allowed_only_with_the_setting_and_private_never(string address, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, UrlGuard.IsAllowed(IPAddress.Parse(address), allowLoopback));
}
