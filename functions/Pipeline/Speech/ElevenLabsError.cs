using System.Text.Json;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// An ElevenLabs error body: <c>{"detail": {"status"|"code": "...", "message": "..."}}</c>, or <c>detail</c> as a
/// plain string, or (422 validation) a list of <c>{"loc", "msg", "type"}</c>.
/// </summary>
public sealed record ElevenLabsError(string? Code, string Message)
{
    public static ElevenLabsError Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail))
                return FromDetail(detail);
        }
        catch (JsonException) { }
        return new ElevenLabsError(null, Shorten(body.Trim()));
    }

    public override string ToString() => Code is null ? Message : $"{Code}: {Message}";

    private static ElevenLabsError FromDetail(JsonElement detail) =>
        detail.ValueKind switch
        {
            JsonValueKind.String => new ElevenLabsError(null, Shorten(detail.GetString() ?? "")),
            JsonValueKind.Object => new ElevenLabsError(
                Text(detail, "status") ?? Text(detail, "code"),
                Shorten(Text(detail, "message") ?? detail.GetRawText())
            ),
            JsonValueKind.Array => new ElevenLabsError(
                "validation_error",
                Shorten(string.Join("; ", detail.EnumerateArray().Select(ValidationItem)))
            ),
            _ => new ElevenLabsError(null, Shorten(detail.GetRawText())),
        };

    private static string ValidationItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return item.GetRawText();
        var location =
            item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                ? string.Join('.', loc.EnumerateArray().Select(l => l.ToString()))
                : null;
        var message = Text(item, "msg") ?? item.GetRawText();
        return location is null ? message : $"{location}: {message}";
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
