using System.Reflection;
using Microsoft.ApplicationInsights.Extensibility;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// Reads the token credential of a <see cref="TelemetryConfiguration"/>. The SDK keeps what
/// <c>SetAzureTokenCredential</c> set in a non-public <c>CredentialEnvelope</c> (Microsoft.ApplicationInsights
/// 2.x); if a later version renames it, this fails loudly rather than passing.
/// </summary>
internal static class TelemetryCredential
{
    public static object? Of(TelemetryConfiguration configuration)
    {
        var envelopeProperty =
            typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TelemetryConfiguration has no CredentialEnvelope: update this reader.");
        var envelope = envelopeProperty.GetValue(configuration);
        if (envelope is null)
            return null;
        var credentialField =
            envelope.GetType().GetField("tokenCredential", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{envelope.GetType().Name} has no tokenCredential: update this reader.");
        return credentialField.GetValue(envelope);
    }
}
