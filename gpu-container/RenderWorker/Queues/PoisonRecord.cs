using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>
/// What render-requests-poison keeps of a message nobody could be told about: its ids, as far as they can be read,
/// and why it was unreadable. Never the body: a request carries live presigned URLs, a poison queue keeps it for a week.
/// </summary>
public sealed partial record PoisonRecord
{
    private const int MaxIdLength = 100;

    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("insertedOn")]
    public DateTimeOffset? InsertedOn { get; init; }

    [JsonPropertyName("deliveryCount")]
    public long DeliveryCount { get; init; }

    [JsonPropertyName("instanceId")]
    public string? InstanceId { get; init; }

    [JsonPropertyName("jobId")]
    public string? JobId { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("bodyLength")]
    public int BodyLength { get; init; }

    public static PoisonRecord Of(string messageId, DateTimeOffset? insertedOn, long deliveryCount, string body, string reason) =>
        new()
        {
            MessageId = messageId,
            InsertedOn = insertedOn,
            DeliveryCount = deliveryCount,
            InstanceId = Id(InstanceIdField(), body),
            JobId = Id(JobIdField(), body),
            Reason = SecretScrubber.Scrub(reason),
            BodyLength = body.Length,
        };

    /// <summary>Read with a pattern, not a parser: an unreadable body may be cut short or not JSON at all.</summary>
    private static string? Id(Regex field, string body)
    {
        var value = field.Match(body) is { Success: true } match ? match.Groups["id"].Value : null;
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var scrubbed = SecretScrubber.Scrub(value);
        return scrubbed.Length <= MaxIdLength ? scrubbed : scrubbed[..MaxIdLength];
    }

    [GeneratedRegex(@"""instanceId""\s*:\s*""(?<id>[^""\\]{1,200})""")]
    private static partial Regex InstanceIdField();

    [GeneratedRegex(@"""jobId""\s*:\s*""(?<id>[^""\\]{1,200})""")]
    private static partial Regex JobIdField();
}
