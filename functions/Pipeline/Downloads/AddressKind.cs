namespace Serverless.Pipeline.Downloads;

/// <summary>What an IP address is, as far as the download guard cares.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,

    /// <summary>Unspecified, multicast, broadcast, reserved or "this network" addresses.</summary>
    Special,
}
