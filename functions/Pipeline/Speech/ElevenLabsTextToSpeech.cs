using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Serverless.Contracts;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// ElevenLabs text-to-speech. Texts over the model's per-request limit are spoken in sentence-aligned chunks
/// stitched with <c>previous_request_ids</c>; the MP3 chunks are appended to the destination as they stream in.
/// Throttling and 5xx are retried by the client's resilience handler. Bodies are read with
/// ELEVENLABS_READ_TIMEOUT_SECONDS per read; error bodies are capped, audio by the caller's destination
/// (MAX_AUDIO_BYTES, see SynthesizeSpeech).
/// </summary>
public sealed partial class ElevenLabsTextToSpeech(
    HttpClient http,
    IOptions<ElevenLabsOptions> options,
    ILogger<ElevenLabsTextToSpeech> logger
) : ITimedTextToSpeech
{
    public const string OutputFormat = "mp3_44100_128";
    private const int MaxPreviousRequestIds = 3;

    /// <summary>ElevenLabs error bodies are a few hundred bytes; anything past this is not read.</summary>
    internal const int MaxErrorBodyBytes = 16 * 1024;

    public string Name => SpeechOptions.ElevenLabs;

    public async Task<SpeechAudio> SynthesizeAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var voice = ResolveVoice(voiceId);
        var chunks = TextChunker.Split(text, ElevenLabsModels.CharacterLimit(settings.ModelId));
        var previousIds = new List<string>();
        long bytes = 0;

        for (var i = 0; i < chunks.Count; i++)
        {
            var previous = chunks.Count > 1 && previousIds.Count > 0 ? previousIds.TakeLast(MaxPreviousRequestIds).ToList() : null;
            var body = new ElevenLabsRequest(chunks[i], settings.ModelId, ElevenLabsVoiceSettings.Default, previous);
            var (written, requestId) = await SpeakChunkAsync(voice, body, i, chunks.Count, destination, cancellationToken);
            bytes += written;
            if (requestId is not null)
                previousIds.Add(requestId);
        }
        return new SpeechAudio("audio/mpeg", "mp3", bytes);
    }

    /// <summary>The ElevenLabs voice for a UI voice id; with VOICES_ONLY_MAPPED, an id outside the map is refused.</summary>
    private string ResolveVoice(string? voiceId)
    {
        var settings = options.Value;
        var uiVoice = string.IsNullOrWhiteSpace(voiceId) ? "en_female_1" : voiceId;
        var map = VoiceMap.Parse(settings.VoiceMap);
        if (settings.VoicesOnlyMapped && !map.Entries.ContainsKey(uiVoice))
            throw new UnknownVoiceException(uiVoice, map.Entries.Keys);
        return map.Resolve(uiVoice, uiVoice);
    }

    /// <summary>
    /// Posts one chunk's request to <c>v1/text-to-speech/{voice}{path}</c>, logs its answer, and returns the
    /// successful response (the caller reads and disposes it); an error answer becomes the classified exception.
    /// </summary>
    private async Task<HttpResponseMessage> PostChunkAsync(
        string voice,
        string path,
        string accept,
        ElevenLabsRequest body,
        int index,
        int count,
        CancellationToken cancellationToken
    )
    {
        var settings = options.Value;
        var uri = new Uri(settings.BaseUri, $"v1/text-to-speech/{Uri.EscapeDataString(voice)}{path}?output_format={OutputFormat}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("xi-api-key", settings.ApiKey);
        request.Headers.Accept.ParseAdd(accept);

        var started = Stopwatch.GetTimestamp();
        var response = await SendAsync(request, cancellationToken);
        logger.LogInformation(
            "ElevenLabs chunk {Chunk}/{Chunks} ({Characters} chars, voice {VoiceId}, {Endpoint}): {StatusCode}, request-id {RequestId}, character-cost {CharacterCost}, {DurationMs} ms to headers",
            index + 1,
            count,
            body.Text.Length,
            voice,
            path.Length == 0 ? "audio" : path.TrimStart('/'),
            (int)response.StatusCode,
            Header(response, "request-id"),
            Header(response, "character-cost"),
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds
        );
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await FailureAsync(response, cancellationToken);
    }

    private async Task<(long Bytes, string? RequestId)> SpeakChunkAsync(
        string voice,
        ElevenLabsRequest body,
        int index,
        int count,
        Stream destination,
        CancellationToken cancellationToken
    )
    {
        using var response = await PostChunkAsync(voice, "", "audio/mpeg", body, index, count, cancellationToken);
        var requestId = Header(response, "request-id");

        var written = await CopyAudioAsync(response, destination, cancellationToken);
        return (written, requestId);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SpeechUnavailableException($"ElevenLabs could not be reached ({SecretScrubber.Scrub(ex.Message)}).", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new SpeechUnavailableException("ElevenLabs did not answer in time.", ex);
        }
    }

    private TimeSpan ReadTimeout => TimeSpan.FromSeconds(options.Value.ReadTimeoutSeconds);

    private async Task<long> CopyAudioAsync(HttpResponseMessage response, Stream destination, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (contentType is null || !contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
            throw new SpeechUnavailableException(
                $"ElevenLabs answered 200 with Content-Type '{contentType ?? "(none)"}' instead of audio."
            );

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var source = new ResponseBodyReader(stream, ReadTimeout);
        var head = new byte[AudioSniffer.HeadLength];
        var headLength = await source.ReadAtMostAsync(head, cancellationToken);
        if (!AudioSniffer.LooksLikeMp3(head.AsSpan(0, headLength)))
            throw new SpeechUnavailableException("ElevenLabs answered 200 with a body that is not MP3 audio.");

        var counter = new CountingStream(destination);
        await counter.WriteAsync(head.AsMemory(0, headLength), cancellationToken);
        await source.CopyToAsync(counter, cancellationToken);
        return counter.BytesWritten;
    }

    private async Task<Exception> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var body = await new ResponseBodyReader(stream, ReadTimeout).ReadTextAsync(MaxErrorBodyBytes, cancellationToken);
        var error = ElevenLabsError.Parse(body);
        var described = SecretScrubber.Scrub(error.ToString());
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 || status == 408)
            return new SpeechUnavailableException($"ElevenLabs is unavailable (HTTP {status}): {described}");
        return new PermanentFailureException($"ElevenLabs rejected the request: {described}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
