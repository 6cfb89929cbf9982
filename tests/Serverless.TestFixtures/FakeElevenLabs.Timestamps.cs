using System.Buffers.Binary;
using System.Text.Json;
using CliWrap;
using Microsoft.AspNetCore.Http;

namespace Serverless.TestFixtures;

/// <summary>
/// <c>POST /v1/text-to-speech/{voice_id}/with-timestamps</c>. By default it answers with the same MP3 as the plain
/// endpoint (so a stack's speech lengths do not depend on the endpoint) and the characters spread evenly over its
/// sound. With <see cref="SpeechLikeAudio"/>: speech-like audio made for the text (a tone burst
/// for each word's letters, silence for spaces and longer silence after punctuation, then a tail of silence after
/// the last character, as real speech has), MP3-encoded, answered as ElevenLabs does:
/// <c>{"audio_base64", "alignment", "normalized_alignment"}</c> with each character's start and end seconds in
/// that audio (shifted by the MP3 encoder and decoder delay, so they hold for the decoded audio).
/// </summary>
public sealed partial class FakeElevenLabs
{
    public const int TimedSampleRate = 44100;

    /// <summary>Samples of delay LAME (1105 = 576 + 529) puts before the audio when no gapless header says so.</summary>
    public const int Mp3DelaySamples = 1105;

    public const double LeadingSilence = 0.08;
    public const double TrailingSilence = 0.3;

    /// <summary>Answer timed requests with audio made for their text, whose length follows the text.</summary>
    public bool SpeechLikeAudio { get; set; }

    private async Task SpeakWithTimestampsAsync(HttpContext context, string text, string requestId)
    {
        var (mp3, starts, ends, delay) = SpeechLikeAudio ? await SpeechLikeMp3Async(text) : EvenlySpread(text, _mp3);
        var characters = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        var alignment = new
        {
            characters,
            character_start_times_seconds = starts.Select(t => Math.Round(t + delay, 3)).ToList(),
            character_end_times_seconds = ends.Select(t => Math.Round(t + delay, 3)).ToList(),
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = requestId;
        context.Response.Headers["character-cost"] = text.Length.ToString();
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(
                new
                {
                    audio_base64 = Convert.ToBase64String(mp3),
                    alignment,
                    normalized_alignment = alignment,
                }
            )
        );
    }

    private static async Task<(byte[] Mp3, List<double> Starts, List<double> Ends, double Delay)> SpeechLikeMp3Async(string text)
    {
        var (pcm, starts, ends) = SpeechLike(text);
        return (await EncodeMp3Async(pcm), starts, ends, Mp3DelaySamples / (double)TimedSampleRate);
    }

    /// <summary>The fixed answer: the characters spread evenly over its second of tone.</summary>
    private static (byte[] Mp3, List<double> Starts, List<double> Ends, double Delay) EvenlySpread(string text, byte[] mp3)
    {
        var count = Math.Max(1, text.EnumerateRunes().Count());
        var each = (SecondsPerResponse - 0.1) / count;
        var starts = Enumerable.Range(0, count).Select(i => 0.05 + i * each).ToList();
        return (mp3, starts, [.. starts.Select(s => s + each)], 0);
    }

    /// <summary>Seconds a character takes: letters and digits are heard, the rest is silence.</summary>
    public static double CharacterSeconds(string character, int index) =>
        character.Length > 0 && char.IsLetterOrDigit(character, 0) ? 0.055 + 0.01 * (index * 7 % 3)
        : character is "." or "!" or "?" or "…" or "。" ? 0.35
        : character is "," or ";" or ":" or "—" or "、" ? 0.18
        : character.Trim().Length == 0 ? 0.04
        : 0.02;

    private static (short[] Pcm, List<double> Starts, List<double> Ends) SpeechLike(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        var starts = new List<double>();
        var ends = new List<double>();
        var at = LeadingSilence;
        var voiced = new List<(double Start, double End, int Word)>();
        var word = 0;
        for (var i = 0; i < runes.Count; i++)
        {
            var seconds = CharacterSeconds(runes[i], i);
            starts.Add(at);
            ends.Add(at + seconds);
            if (char.IsLetterOrDigit(runes[i], 0))
                voiced.Add((at, at + seconds, word));
            else if (runes[i].Trim().Length == 0)
                word++;
            at += seconds;
        }
        var pcm = new short[(int)((at + TrailingSilence) * TimedSampleRate)];
        foreach (var (start, end, w) in voiced)
        {
            var frequency = 160 + 40 * (w % 4);
            var first = (int)(start * TimedSampleRate);
            var last = Math.Min(pcm.Length, (int)(end * TimedSampleRate));
            for (var n = first; n < last; n++)
                pcm[n] = (short)(9000 * Math.Sin(2 * Math.PI * frequency * n / TimedSampleRate));
        }
        return (pcm, starts, ends);
    }

    private static async Task<byte[]> EncodeMp3Async(short[] pcm)
    {
        var raw = new byte[pcm.Length * 2];
        for (var i = 0; i < pcm.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan(i * 2), pcm[i]);
        using var output = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-hide_banner",
                "-loglevel",
                "error",
                "-protocol_whitelist",
                "pipe",
                "-f",
                "s16le",
                "-ar",
                TimedSampleRate.ToString(),
                "-ac",
                "1",
                "-i",
                "pipe:0",
                "-c:a",
                "libmp3lame",
                "-b:a",
                "128k",
                "-write_xing",
                "0",
                "-id3v2_version",
                "0",
                "-f",
                "mp3",
                "pipe:1",
            ])
            .WithStandardInputPipe(PipeSource.FromBytes(raw))
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .ExecuteAsync(timeout.Token);
        return output.ToArray();
    }
}
