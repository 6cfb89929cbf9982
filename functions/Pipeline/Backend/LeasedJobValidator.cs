using System.Text.RegularExpressions;
using Serverless.Captions;
using Serverless.Contracts;

namespace Serverless.Pipeline.Backend;

/// <summary>
/// Turns a wire job into a <see cref="LeasedJob"/> or a rejection. Pure. A job whose id is safe in a URL path
/// segment (<c>[A-Za-z0-9_-]{1,64}</c>) can be reported failed, so it is rejected with its id; any other id
/// cannot be reported and is rejected with a null id.
/// </summary>
public static partial class LeasedJobValidator
{
    public const string TalkingHeadKind = "talking-head";
    public const string DefaultVoiceId = "en_female_1";
    public const string DefaultNamespace = "user";

    public static LeaseResult Validate(WireJob job, int maxTextLength)
    {
        if (!IsReportableId(job.Id))
            return new LeaseResult.Rejected(null, "job id is missing or not a safe token");
        var id = job.Id!;
        if (!ObjectId().IsMatch(id))
            return Reject(id, $"job id '{id}' is not a 24-character hex id");
        if (job.Kind != TalkingHeadKind)
            return Reject(id, $"unsupported job kind '{Shorten(job.Kind)}' (expected '{TalkingHeadKind}')");
        if (!HttpUrl.TryParse(job.ImageUrl, out var imageUrl))
            return Reject(id, "imageUrl is missing or not an absolute http(s) URL");

        Uri? audioUrl = null;
        if (!string.IsNullOrWhiteSpace(job.AudioUrl) && !HttpUrl.TryParse(job.AudioUrl, out audioUrl))
            return Reject(id, "audioUrl is not an absolute http(s) URL");

        var text = job.Input?.Text;
        if (audioUrl is null)
        {
            if (string.IsNullOrWhiteSpace(text))
                return Reject(id, "text is empty and no audio was supplied");
            if (text.Length > maxTextLength)
                return Reject(id, $"text is {text.Length} characters long; the limit is {maxTextLength}");
        }

        var voiceId = string.IsNullOrWhiteSpace(job.Input?.VoiceId) ? DefaultVoiceId : job.Input!.VoiceId!;
        if (!SafeToken().IsMatch(voiceId))
            return Reject(id, $"voiceId '{Shorten(voiceId)}' is not a valid voice id");

        string? captions = null;
        if (!string.IsNullOrWhiteSpace(job.Input?.Captions) && (captions = CaptionMode.Parse(job.Input.Captions)) is null)
            return Reject(id, $"input.captions '{Shorten(job.Input.Captions)}' is not one of {string.Join(", ", CaptionMode.All)}");

        return new LeaseResult.Leased(
            new LeasedJob
            {
                Id = id,
                Namespace = NamespaceOf(job.Input?.ImageKey),
                ImageUrl = imageUrl!,
                AudioUrl = audioUrl,
                Text =
                    audioUrl is null ? text
                    : string.IsNullOrWhiteSpace(text) ? null
                    : text,
                VoiceId = voiceId,
                Captions = captions,
            }
        );
    }

    /// <summary>True when <paramref name="id"/> can be put in the report URL's path.</summary>
    public static bool IsReportableId(string? id) => id is not null && SafeToken().IsMatch(id);

    /// <summary>Second path segment of the image key (<c>uploads/&lt;user&gt;/x.png</c>), sanitized; <c>user</c> when none.</summary>
    public static string NamespaceOf(string? imageKey)
    {
        var segments = (imageKey ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3)
            return DefaultNamespace;
        var sanitized = UnsafeChars().Replace(segments[1], "_");
        if (sanitized.Length > 64)
            sanitized = sanitized[..64];
        return sanitized.Trim('_').Length == 0 ? DefaultNamespace : sanitized;
    }

    private static LeaseResult.Rejected Reject(string id, string reason) => new(id, reason);

    private static string Shorten(string? value) =>
        value is null ? "(none)" : UnsafeChars().Replace(value.Length > 40 ? value[..40] : value, "?");

    // \z, not $: .NET's $ also matches before a trailing newline, which would let "<id>\n" through.
    [GeneratedRegex(@"^[0-9a-fA-F]{24}\z")]
    private static partial Regex ObjectId();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SafeToken();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeChars();
}
