using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>A classified render failure. <see cref="StderrTail"/> is already scrubbed of secrets.</summary>
public sealed record RenderError
{
    [JsonPropertyName("code")]
    public required RenderErrorCode Code { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("stderrTail")]
    public string? StderrTail { get; init; }

    /// <summary>Whether another attempt could succeed (a crash or OOM may; bad input never does).</summary>
    [JsonIgnore]
    public bool IsTransient => Code is RenderErrorCode.Crash or RenderErrorCode.OutOfMemory or RenderErrorCode.Timeout;

    public override string ToString() => $"{Code.ToWireName()}: {Message}";
}

[JsonConverter(typeof(JsonStringEnumConverter<RenderErrorCode>))]
public enum RenderErrorCode
{
    [JsonStringEnumMemberName("bad_input")]
    BadInput,

    [JsonStringEnumMemberName("no_face")]
    NoFace,

    [JsonStringEnumMemberName("out_of_memory")]
    OutOfMemory,

    [JsonStringEnumMemberName("missing_checkpoints")]
    MissingCheckpoints,

    [JsonStringEnumMemberName("timeout")]
    Timeout,

    [JsonStringEnumMemberName("crash")]
    Crash,

    [JsonStringEnumMemberName("download_failed")]
    DownloadFailed,

    [JsonStringEnumMemberName("upload_failed")]
    UploadFailed,

    [JsonStringEnumMemberName("deadline_exceeded")]
    DeadlineExceeded,

    [JsonStringEnumMemberName("too_many_deliveries")]
    TooManyDeliveries,

    [JsonStringEnumMemberName("malformed_request")]
    MalformedRequest,
}
