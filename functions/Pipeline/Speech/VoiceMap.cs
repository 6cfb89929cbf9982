namespace Serverless.Pipeline.Speech;

/// <summary>A parsed <c>ui_id=provider_id,...</c> setting.</summary>
public sealed class VoiceMap
{
    private readonly Dictionary<string, string> _entries;

    private VoiceMap(Dictionary<string, string> entries) => _entries = entries;

    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>Parses the setting; null when an entry is not <c>key=value</c>.</summary>
    public static VoiceMap? TryParse(string? setting)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                return null;
            entries[parts[0]] = parts[1];
        }
        return new VoiceMap(entries);
    }

    public static VoiceMap Parse(string? setting) =>
        TryParse(setting) ?? throw new FormatException("A voice map must be a comma-separated list of id=voice pairs.");

    /// <summary>The mapped voice, or <paramref name="fallback"/> for an unknown id.</summary>
    public string Resolve(string voiceId, string fallback) => _entries.TryGetValue(voiceId, out var voice) ? voice : fallback;
}
