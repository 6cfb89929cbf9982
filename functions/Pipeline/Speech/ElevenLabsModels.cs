namespace Serverless.Pipeline.Speech;

/// <summary>Per-request character limits of ElevenLabs models.</summary>
public static class ElevenLabsModels
{
    public const int DefaultCharacterLimit = 10_000;

    public static int CharacterLimit(string modelId) =>
        modelId switch
        {
            "eleven_v3" => 3_000,
            "eleven_flash_v2_5" or "eleven_turbo_v2_5" => 40_000,
            "eleven_multilingual_v2" => 10_000,
            _ when modelId.StartsWith("eleven_v3", StringComparison.Ordinal) => 3_000,
            _ => DefaultCharacterLimit,
        };
}
