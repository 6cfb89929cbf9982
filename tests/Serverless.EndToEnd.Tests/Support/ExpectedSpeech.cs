using System.Collections.Concurrent;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>How long the speech of a text job is: the fake ElevenLabs answers every request with the same MP3.</summary>
internal static class ExpectedSpeech
{
    private static readonly ConcurrentDictionary<int, Task<double>> s_seconds = new();

    /// <summary>How many requests spoke pieces of <paramref name="text"/> (texts of different jobs must not contain each other).</summary>
    public static int ChunksOf(FakeElevenLabs fake, string text) =>
        fake.SpokenTexts.Count(spoken => text.Contains(spoken, StringComparison.Ordinal));

    /// <summary>The decoded duration of <paramref name="chunks"/> answers stitched together, as the pipeline stitches them.</summary>
    public static Task<double> SecondsAsync(FakeElevenLabs fake, int chunks) =>
        s_seconds.GetOrAdd(
            chunks,
            async n =>
            {
                var path = Path.Combine(Path.GetTempPath(), $"e2e-speech-{Guid.NewGuid():N}.mp3");
                try
                {
                    await File.WriteAllBytesAsync(path, [.. Enumerable.Repeat(fake.Mp3, n).SelectMany(b => b)]);
                    return await TestMedia.DurationAsync(path);
                }
                finally
                {
                    File.Delete(path);
                }
            }
        );
}
