using Serverless.DevBackend;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>A job to queue through the dev backend: the portrait with supplied audio or with a text.</summary>
internal sealed record BenchJob(string ImagePath, string? AudioPath, string? Text)
{
    public string Kind => AudioPath is null ? "text" : "audio";

    public NewJobRequest Request => new(ImagePath: ImagePath, AudioPath: AudioPath, Text: Text, VoiceId: "en_female_1", User: "bench");
}
