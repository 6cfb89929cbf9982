namespace Serverless.Pipeline.Backend;

/// <summary>A validated talking-head job, as the pipeline uses it (not the wire shape).</summary>
public sealed record LeasedJob
{
    public required string Id { get; init; }

    /// <summary>The user folder used in output keys: second segment of imageKey, or <c>user</c>.</summary>
    public required string Namespace { get; init; }
    public required Uri ImageUrl { get; init; }

    /// <summary>Supplied audio; when present TTS is skipped.</summary>
    public Uri? AudioUrl { get; init; }
    public string? Text { get; init; }
    public string? VoiceId { get; init; }

    /// <summary><c>input.captions</c> (<c>off</c>/<c>file</c>/<c>burn</c>) when the backend sent one: overrides CAPTIONS.</summary>
    public string? Captions { get; init; }
}
