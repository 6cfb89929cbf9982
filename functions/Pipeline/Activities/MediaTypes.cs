namespace Serverless.Pipeline.Activities;

internal static class MediaTypes
{
    public const string OctetStream = "application/octet-stream";

    /// <summary>A file extension for a supplied audio track; ffmpeg sniffs the content anyway.</summary>
    public static string AudioExtension(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "audio/mpeg" or "audio/mp3" => "mp3",
            "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
            "audio/mp4" or "audio/m4a" or "audio/x-m4a" or "audio/aac" => "m4a",
            "audio/ogg" or "audio/opus" => "ogg",
            "audio/webm" => "webm",
            "audio/flac" or "audio/x-flac" => "flac",
            _ => "bin",
        };
}
