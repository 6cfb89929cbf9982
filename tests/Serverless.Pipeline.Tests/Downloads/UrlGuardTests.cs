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
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("10.1.2.3", true, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("8.8.8.8", false, true)]
    public void Loopback_is_allowed_only_with_the_setting_and_private_never(string address, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, UrlGuard.IsAllowed(IPAddress.Parse(address), allowLoopback));
}
