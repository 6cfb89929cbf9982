using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Serverless.Captions;
using Serverless.Contracts;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// espeak-ng with word timings. Its command line prints no timings, so the text is spoken piece by piece
/// (<see cref="Pieces"/>: sentences, long ones cut at clauses) and the pieces' samples are joined exactly, which
/// makes every piece's start exact. Inside a piece, the words are placed on its sound (silence found by loudness
/// gets none) in proportion to their phonemes, which espeak prints with <c>-x</c> in the same run.
/// </summary>
public sealed partial class EspeakTextToSpeech
{
    /// <summary>Sentences longer than this are spoken clause by clause.</summary>
    internal const int MaxPieceLength = 160;

    private const int Lookahead = 3;

    public async Task<SpeechAudio> SynthesizeWithTimingsAsync(
        string text,
        string? voiceId,
        Stream destination,
        CancellationToken cancellationToken
    )
    {
        var voice = VoiceMap.Parse(options.Value.VoiceMap).Resolve(voiceId ?? "", EspeakOptions.DefaultVoice);
        var pieces = Pieces(text);
        var started = Stopwatch.GetTimestamp();
        var counter = new CountingStream(destination);
        var words = new List<WordTiming>();
        var running = new Queue<Task<SpokenPiece>>();
        int? sampleRate = null;
        long samples = 0;

        for (var next = 0; next < pieces.Count || running.Count > 0; )
        {
            while (next < pieces.Count && running.Count < Lookahead)
                running.Enqueue(SpeakPieceAsync(pieces[next++], voice, cancellationToken));
            var piece = await running.Dequeue();
            if (sampleRate is null)
            {
                sampleRate = piece.SampleRate;
                await counter.WriteAsync(StreamedWavHeader(piece.SampleRate), cancellationToken);
            }
            else if (piece.SampleRate != sampleRate)
                throw new SpeechUnavailableException($"espeak changed its sample rate mid-text ({sampleRate} → {piece.SampleRate} Hz).");

            var offset = samples / (double)piece.SampleRate;
            words.AddRange(piece.Words.Select(w => w with { Start = w.Start + offset, End = w.End + offset }));
            await counter.WriteAsync(piece.Pcm, cancellationToken);
            samples += piece.Pcm.Length / 2;
        }

        logger.LogInformation(
            "espeak spoke {Characters} chars in {Pieces} timed pieces with voice {Voice}: {Bytes} bytes, {DurationMs} ms",
            text.Length,
            pieces.Count,
            voice,
            counter.BytesWritten,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds
        );
        return new SpeechAudio("audio/wav", "wav", counter.BytesWritten, words);
    }

    /// <summary>The pieces spoken one by one: sentences, with those over <see cref="MaxPieceLength"/> cut at clauses.</summary>
    internal static IReadOnlyList<string> Pieces(string text) =>
        [.. TextUnits.Sentences(text).SelectMany(s => s.Length <= MaxPieceLength ? [s] : TextUnits.Clauses(s))];

    private sealed record SpokenPiece(int SampleRate, byte[] Pcm, IReadOnlyList<WordTiming> Words);

    private async Task<SpokenPiece> SpeakPieceAsync(string piece, string voice, CancellationToken cancellationToken)
    {
        var phonemesPath = Path.Combine(Path.GetTempPath(), $"espeak-phonemes-{Guid.NewGuid():N}.txt");
        try
        {
            using var wav = new MemoryStream();
            var stderr = new StringBuilder();
            CommandResult result;
            try
            {
                result = await Cli.Wrap(options.Value.Command)
                    .WithArguments(["-v", voice, "--stdin", "--stdout", "-x", $"--phonout={phonemesPath}"])
                    .WithStandardInputPipe(PipeSource.FromString(piece, Encoding.UTF8))
                    .WithStandardOutputPipe(PipeTarget.ToStream(wav))
                    .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteAsync(cancellationToken);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new PermanentFailureException($"The espeak command '{options.Value.Command}' cannot be started: {ex.Message}", ex);
            }
            if (result.ExitCode != 0 || wav.Length <= Pcm16Wav.HeaderBytes)
                throw new SpeechUnavailableException(
                    $"espeak failed (exit {result.ExitCode}, {wav.Length} bytes): {SecretScrubber.Scrub(Tail(stderr))}"
                );

            Pcm16Wav format;
            try
            {
                format = Pcm16Wav.Read(wav);
            }
            catch (InvalidDataException ex)
            {
                throw new SpeechUnavailableException($"espeak wrote audio that is not 16-bit PCM WAV: {ex.Message}", ex);
            }
            var pcm = wav.GetBuffer().AsSpan((int)format.DataOffset, (int)format.DataBytes).ToArray();
            var phonemes = File.Exists(phonemesPath) ? await File.ReadAllTextAsync(phonemesPath, cancellationToken) : "";
            return new SpokenPiece(format.SampleRate, pcm, PlaceWords(piece, phonemes, pcm, format));
        }
        finally
        {
            File.Delete(phonemesPath);
        }
    }

    private static IReadOnlyList<WordTiming> PlaceWords(string piece, string phonemes, byte[] pcm, Pcm16Wav format)
    {
        var words = TextUnits.Words(piece);
        if (words.Count == 0)
            return [];
        var weights = EspeakPhonemes.WordWeights(phonemes, words);
        var samples = EnergySpeechDetector.ReadMono(pcm, format.Channels);
        var spans = EnergySpeechDetector.Detect(samples, format.SampleRate);
        if (spans.Count == 0)
            spans = [new SpeechSpan(0, samples.Length / (double)format.SampleRate)];
        return WordPlacer.Place([.. words.Select((w, i) => new WeightedWord(w, weights[i]))], spans);
    }

    /// <summary>The header espeak itself writes when it streams: sizes set to "very large", the data runs to the end.</summary>
    private static byte[] StreamedWavHeader(int sampleRate)
    {
        var header = new Pcm16Wav(sampleRate, 1, Pcm16Wav.HeaderBytes, 0).HeaderFor(0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 0x7FFFF024);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), 0x7FFFF000);
        return header;
    }
}
