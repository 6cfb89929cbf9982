using Microsoft.Extensions.DependencyInjection;
using Serverless.Captions;
using Serverless.Contracts;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Fakes;
using Xunit.Abstractions;

namespace Serverless.Pipeline.Tests.Captions;

public sealed class EspeakCaptionTimingTests(ITestOutputHelper output)
{
    private const string Voice = "en-us+f3"; // en_female_1 in the default voice map

    [Fact(Timeout = 240_000)]
    public async Task Cues_of_espeak_speech_start_when_their_words_are_heard()
    {
        var text = CaptionTexts.Of(2_500, seed: 5);
        await using var services = PipelineServices.Build([("TTS_PROVIDER", "espeak")]);
        var tts = Assert.IsAssignableFrom<ITimedTextToSpeech>(services.GetRequiredService<ITextToSpeech>());
        using var wav = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var audio = await tts.SynthesizeWithTimingsAsync(text, "en_female_1", wav, timeout.Token);

        var words = audio.Words!;
        Assert.Equal(TextUnits.Words(text), words.Select(w => w.Text));
        var cues = CueBuilder.Build(words);
        var firstWords = new List<int>();
        var at = 0;
        foreach (var cue in cues)
        {
            firstWords.Add(at);
            at += cue.Lines.Sum(l => TextUnits.Words(l).Count);
        }

        var (truth, samples) = await new EspeakGroundTruth(Voice).MeasureAsync(EspeakTextToSpeech.Pieces(text), firstWords);
        Assert.Equal(samples, Pcm16Wav.Read(wav).Samples); // the pieces are joined sample-exact

        var errors = TimingErrors.Of(cues, words, truth);
        output.WriteLine($"espeak-ng, {text.Length} characters in {EspeakTextToSpeech.Pieces(text).Count} pieces: {errors}");
        var pieceStarts = PieceStarts(EspeakTextToSpeech.Pieces(text));
        var inside = cues.Select((c, i) => (Cue: c, Word: firstWords[i])).Where(x => !pieceStarts.Contains(x.Word)).ToList();
        var insideErrors = inside.Select(x => Math.Abs(x.Cue.Start - truth[x.Word])).Order().ToList();
        output.WriteLine(
            $"  of which {inside.Count} start inside a piece: median {insideErrors[insideErrors.Count / 2]:0.000} s, p95 {insideErrors[(int)(insideErrors.Count * 0.95)]:0.000} s"
        );
        Assert.True(errors.Median < 0.15, errors.ToString());
        Assert.True(errors.P95 < 0.4, errors.ToString());
    }

    private static HashSet<int> PieceStarts(IReadOnlyList<string> pieces)
    {
        var starts = new HashSet<int>();
        var at = 0;
        foreach (var piece in pieces)
        {
            starts.Add(at);
            at += TextUnits.Words(piece).Count;
        }
        return starts;
    }
}
