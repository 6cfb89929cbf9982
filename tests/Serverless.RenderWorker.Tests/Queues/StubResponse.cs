using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Serverless.RenderWorker.Tests.Queues;

/// <summary>A bodiless HTTP response for queue-client doubles.</summary>
internal sealed class StubResponse(int status) : Response
{
    public override int Status => status;
    public override string ReasonPhrase => "";
    public override Stream? ContentStream { get; set; }
    public override string ClientRequestId { get; set; } = "";

    public override void Dispose() { }

    protected override bool ContainsHeader(string name) => false;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
