using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Captions;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// Speech with word timings: the same requests (chunks, <c>previous_request_ids</c>) sent to
/// <c>/with-timestamps</c>. Each chunk's character times are shifted by the duration of the audio before it,
/// measured from the MP3 frames actually received (not the alignment's last time: the audio runs on past the
/// last character). The audio is decoded from base64 as it streams, so memory stays bounded whatever the length.
/// </summary>
public sealed partial class ElevenLabsTextToSpeech
{
    public async Task<SpeechAudio> SynthesizeWithTimingsAsync(
        string text,
        string? voiceId,
        Stream destination,
        CancellationToken cancellationToken
    )
    {
        var settings = options.Value;
        var voice = ResolveVoice(voiceId);
        var chunks = TextChunker.Split(text, ElevenLabsModels.CharacterLimit(settings.ModelId));
        var previousIds = new List<string>();
        var duration = new Mp3DurationCounter();
        var words = new List<WordTiming>();
        long bytes = 0;

        for (var i = 0; i < chunks.Count; i++)
        {
            var previous = chunks.Count > 1 && previousIds.Count > 0 ? previousIds.TakeLast(MaxPreviousRequestIds).ToList() : null;
            var body = new ElevenLabsRequest(chunks[i], settings.ModelId, ElevenLabsVoiceSettings.Default, previous);
            var offset = duration.Seconds;
            var (written, requestId, timestamps) = await SpeakTimedChunkAsync(
                voice,
                body,
                i,
                chunks.Count,
                destination,
                duration,
                cancellationToken
            );
            bytes += written;
            words.AddRange(WordsOf(chunks[i], timestamps, offset, duration.Seconds));
            if (requestId is not null)
                previousIds.Add(requestId);
        }
        return new SpeechAudio("audio/mpeg", "mp3", bytes, words);
    }

    /// <summary>The chunk's words from its alignment; without one, spread over the chunk's audio by their length.</summary>
    private static IReadOnlyList<WordTiming> WordsOf(string chunk, ElevenLabsTimestamps timestamps, double offset, double end)
    {
        if ((timestamps.Alignment ?? timestamps.NormalizedAlignment) is { Characters.Count: > 0 } alignment)
        {
            try
            {
                return CharacterAlignment.ToWords(alignment.Characters, alignment.StartTimes, alignment.EndTimes, offset);
            }
            catch (ArgumentException ex)
            {
                throw new SpeechUnavailableException($"ElevenLabs sent an alignment that does not add up: {ex.Message}", ex);
            }
        }
        var weighted = TextUnits.Words(chunk).Select(w => new WeightedWord(w, TextUnits.SpokenLength(w))).ToList();
        return end > offset ? WordPlacer.Place(weighted, [new SpeechSpan(offset, end)]) : [];
    }

    private async Task<(long Bytes, string? RequestId, ElevenLabsTimestamps Timestamps)> SpeakTimedChunkAsync(
        string voice,
        ElevenLabsRequest body,
        int index,
        int count,
        Stream destination,
        Mp3DurationCounter duration,
        CancellationToken cancellationToken
    )
    {
        using var response = await PostChunkAsync(voice, "/with-timestamps", "application/json", body, index, count, cancellationToken);
        var requestId = Header(response, "request-id");

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
            throw new SpeechUnavailableException(
                $"ElevenLabs answered 200 with Content-Type '{contentType ?? "(none)"}' instead of JSON with timestamps."
            );
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var reader = new TimestampedAudioReader(destination, duration);
        var timestamps = await reader.ReadAsync(new ResponseBodyReader(stream, ReadTimeout), cancellationToken);
        return (reader.AudioBytes, requestId, timestamps);
    }
}
