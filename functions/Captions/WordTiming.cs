using System.Text.Json.Serialization;

namespace Serverless.Captions;

/// <summary>One spoken word (with its punctuation) and when it is heard, in seconds from the start of the speech.</summary>
public sealed record WordTiming(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End
);
