namespace Serverless.Pipeline.Downloads;

/// <summary>What an IP address is, as far as the download guard cares.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,

    /// <summary>A cloud provider's host-local service address, such as Azure's 168.63.129.16.</summary>
    Platform,

    /// <summary>Unspecified, multicast, broadcast, reserved or "this network" addresses.</summary>
    Special,
}
