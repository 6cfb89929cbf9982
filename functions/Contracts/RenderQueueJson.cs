using System.Text.Json;

namespace Serverless.Contracts;

/// <summary>The one JSON shape of queue messages, shared by both sides.</summary>
public static class RenderQueueJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Parses a message; throws <see cref="JsonException"/> when it is not one.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty {typeof(T).Name} message.");
}
