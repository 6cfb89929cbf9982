using System.Collections.Concurrent;
using System.Text.Json;
using CliWrap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serverless.TestFixtures;

/// <summary>
/// A contract-faithful ElevenLabs text-to-speech endpoint on loopback. It checks the <c>xi-api-key</c> header,
/// the voice id in the path, the <c>output_format</c> query and the JSON body, enforces the model's
/// per-request character limit, and answers with real MP3 bytes (one second of tone per request), a
/// <c>request-id</c> and a <c>character-cost</c> header. Failures can be scripted ahead of requests.
/// </summary>
public sealed partial class FakeElevenLabs : IAsyncDisposable
{
    public const string ApiKey = "fake-elevenlabs-key-123456";
    public const double SecondsPerResponse = 1.0;

    private static readonly Lazy<Task<byte[]>> s_mp3 = new(GenerateMp3Async);
    private static readonly string[] s_outputFormats =
    [
        "mp3_22050_32",
        "mp3_44100_64",
        "mp3_44100_96",
        "mp3_44100_128",
        "mp3_44100_192",
        "pcm_16000",
        "pcm_22050",
        "pcm_44100",
    ];

    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly ConcurrentQueue<RecordedTtsRequest> _requests = new();
    private readonly ConcurrentQueue<string> _spoken = new();
    private readonly ConcurrentDictionary<string, bool> _issuedRequestIds = new();
    private LoopbackServer? _server;
    private byte[] _mp3 = [];

    /// <summary>ElevenLabs voice ids this account has (the default voice map's two, plus any added).</summary>
    public ConcurrentDictionary<string, bool> Voices { get; } = new() { ["21m00Tcm4TlvDq8ikWAM"] = true, ["EXAVITQu4vr4xnSDxMaL"] = true };

    /// <summary>When set, successful responses send their first bytes, then wait for this before the rest (a stalled body).</summary>
    public TaskCompletionSource? HoldBodyUntil { get; set; }

    /// <summary>When true, successful responses never end: MP3 frames keep coming until the client hangs up.</summary>
    public bool EndlessAudio { get; set; }

    public Uri BaseUrl => _server!.BaseUrl;

    public IReadOnlyList<RecordedTtsRequest> Requests => [.. _requests];

    /// <summary>The texts answered with audio (one entry per successful request), in order.</summary>
    public IReadOnlyList<string> SpokenTexts => [.. _spoken];

    public byte[] Mp3 => _mp3;

    public static async Task<FakeElevenLabs> StartAsync()
    {
        var fake = new FakeElevenLabs { _mp3 = await s_mp3.Value };
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/text-to-speech/{voiceId}", (HttpContext context, string voiceId) => fake.SpeakAsync(context, voiceId, false));
            app.MapPost(
                "/v1/text-to-speech/{voiceId}/with-timestamps",
                (HttpContext context, string voiceId) => fake.SpeakAsync(context, voiceId, true)
            );
        });
        return fake;
    }

    public static int CharacterLimit(string model) =>
        model switch
        {
            "eleven_v3" => 3_000,
            "eleven_flash_v2_5" or "eleven_turbo_v2_5" => 40_000,
            "eleven_flash_v2" or "eleven_turbo_v2" => 30_000,
            _ => 10_000,
        };

    public void FailNext(int times, int status, string body, string contentType = "application/json", int? retryAfterSeconds = null)
    {
        for (var i = 0; i < times; i++)
            _script.Enqueue(new ScriptedAnswer(status, body, contentType, retryAfterSeconds));
    }

    public void TooManyRequests(int times, int? retryAfterSeconds = null) =>
        FailNext(times, 429, Detail("too_many_concurrent_requests", "Too many concurrent requests."), retryAfterSeconds: retryAfterSeconds);

    public void SystemBusy(int times) => FailNext(times, 429, Detail("system_busy", "The system is experiencing heavy traffic."));

    public void QuotaExceeded() =>
        FailNext(
            1,
            401,
            Detail(
                "quota_exceeded",
                "This request exceeds your quota of 10000. You have 12 credits remaining, while 40 credits are required for this request."
            )
        );

    public void ServerErrors(int times) => FailNext(times, 500, Detail("internal_error", "Internal server error."));

    /// <summary>The next answer is an error whose JSON body never ends.</summary>
    public void EndlessError(int status) =>
        _script.Enqueue(
            new ScriptedAnswer(
                status,
                "{\"detail\":{\"status\":\"internal_error\",\"message\":\"",
                "application/json",
                null,
                BodyShape.Endless
            )
        );

    /// <summary>The next answer is an error that sends the start of its body, then nothing until the client hangs up.</summary>
    public void StalledError(int status) =>
        _script.Enqueue(new ScriptedAnswer(status, "{\"detail\":{\"status\":", "application/json", null, BodyShape.Stalled));

    public void HtmlOk() => FailNext(1, 200, "<html><body>Service maintenance</body></html>", "text/html; charset=utf-8");

    public static string Detail(string status, string message) => JsonSerializer.Serialize(new { detail = new { status, message } });

    private async Task SpeakAsync(HttpContext context, string voiceId, bool timed)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        var recorded = Record(context, voiceId, raw);
        _requests.Enqueue(recorded);

        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfterSeconds is { } seconds)
                context.Response.Headers.RetryAfter = seconds.ToString();
            await Write(context, scripted.Status, scripted.Body, scripted.ContentType);
            await FinishAsync(
                context,
                scripted.Shape,
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"u8.ToArray()
            );
            return;
        }
        if (context.Request.Headers["xi-api-key"] != ApiKey)
        {
            await Write(context, 401, Detail("invalid_api_key", "Invalid API key"));
            return;
        }
        if (recorded.Body is null)
        {
            await Write(context, 400, JsonSerializer.Serialize(new { detail = "There was an error parsing the body" }));
            return;
        }
        if (string.IsNullOrEmpty(recorded.Text))
        {
            await Write(context, 422, """{"detail":[{"loc":["body","text"],"msg":"Field required","type":"missing"}]}""");
            return;
        }
        if (recorded.OutputFormat is { } format && !s_outputFormats.Contains(format))
        {
            await Write(
                context,
                422,
                """{"detail":[{"loc":["query","output_format"],"msg":"Input should be a valid output format","type":"enum"}]}"""
            );
            return;
        }
        if (!Voices.ContainsKey(voiceId))
        {
            await Write(context, 404, Detail("voice_not_found", $"A voice with the voice_id {voiceId} was not found."));
            return;
        }
        var limit = CharacterLimit(recorded.ModelId ?? "eleven_multilingual_v2");
        if (recorded.Text.Length > limit)
        {
            await Write(
                context,
                400,
                Detail("max_character_limit_exceeded", $"Text is too long: {recorded.Text.Length} characters, the limit is {limit}.")
            );
            return;
        }
        if (recorded.PreviousRequestIds is { } previous && (previous.Count > 3 || previous.Any(id => !_issuedRequestIds.ContainsKey(id))))
        {
            await Write(
                context,
                400,
                Detail("invalid_previous_request_ids", "previous_request_ids must be at most 3 ids of earlier requests.")
            );
            return;
        }

        var requestId = Guid.NewGuid().ToString("N");
        _issuedRequestIds[requestId] = true;
        _spoken.Enqueue(recorded.Text);
        if (timed)
        {
            await SpeakWithTimestampsAsync(context, recorded.Text, requestId);
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "audio/mpeg";
        context.Response.Headers["request-id"] = requestId;
        context.Response.Headers["character-cost"] = recorded.Text.Length.ToString();
        var half = _mp3.Length / 2;
        await context.Response.Body.WriteAsync(_mp3.AsMemory(0, half));
        await context.Response.Body.FlushAsync();
        if (HoldBodyUntil is { } hold)
            await hold.Task;
        await context.Response.Body.WriteAsync(_mp3.AsMemory(half));
        if (EndlessAudio)
            await FinishAsync(context, BodyShape.Endless, _mp3);
    }

    private static async Task FinishAsync(HttpContext context, BodyShape shape, byte[] filler)
    {
        try
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (shape == BodyShape.Stalled)
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            while (shape == BodyShape.Endless)
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException) { }
    }

    private static RecordedTtsRequest Record(HttpContext context, string voiceId, string raw)
    {
        JsonElement? body = null;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                body = document.RootElement.Clone();
        }
        catch (JsonException) { }

        string? Text(string name) =>
            body is { } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        IReadOnlyList<string>? previous =
            body is { } b2 && b2.TryGetProperty("previous_request_ids", out var p) && p.ValueKind == JsonValueKind.Array
                ? [.. p.EnumerateArray().Select(e => e.GetString() ?? "")]
                : null;
        return new RecordedTtsRequest(
            voiceId,
            context.Request.Query["output_format"].FirstOrDefault(),
            context.Request.Headers["xi-api-key"].FirstOrDefault(),
            context.Request.Headers.Accept.ToString(),
            context.Request.ContentType,
            raw,
            body,
            Text("text"),
            Text("model_id"),
            previous
        );
    }

    private static async Task Write(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    private static async Task<byte[]> GenerateMp3Async()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-elevenlabs-{Guid.NewGuid():N}.mp3");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Cli.Wrap("ffmpeg")
                .WithArguments([
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    $"sine=frequency=440:duration={SecondsPerResponse}:sample_rate=44100",
                    "-ac",
                    "1",
                    "-c:a",
                    "libmp3lame",
                    "-b:a",
                    "128k",
                    path,
                ])
                .ExecuteAsync(timeout.Token);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        HoldBodyUntil?.TrySetResult();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private enum BodyShape
    {
        Complete,
        Endless,
        Stalled,
    }

    private sealed record ScriptedAnswer(
        int Status,
        string Body,
        string ContentType,
        int? RetryAfterSeconds,
        BodyShape Shape = BodyShape.Complete
    );
}

public sealed record RecordedTtsRequest(
    string VoiceId,
    string? OutputFormat,
    string? ApiKey,
    string Accept,
    string? ContentType,
    string RawBody,
    JsonElement? Body,
    string? Text,
    string? ModelId,
    IReadOnlyList<string>? PreviousRequestIds
);
