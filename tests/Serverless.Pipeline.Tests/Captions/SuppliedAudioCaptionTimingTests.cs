using Microsoft.Extensions.DependencyInjection;
using Serverless.Captions;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Fakes;
using Xunit.Abstractions;

namespace Serverless.Pipeline.Tests.Captions;

public sealed class SuppliedAudioCaptionTimingTests(ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task Cues_aligned_to_a_recording_by_its_pauses_start_near_their_words()
    {
        // The "recording": espeak-ng speech whose true word starts the ground truth can measure.
        var text = CaptionTexts.Of(2_500, seed: 9);
        await using var services = PipelineServices.Build([("TTS_PROVIDER", "espeak")]);
        var tts = Assert.IsAssignableFrom<ITimedTextToSpeech>(services.GetRequiredService<ITextToSpeech>());
        var path = Path.Combine(Path.GetTempPath(), $"recording-{Guid.NewGuid():N}.wav");
        try
        {
            await using (var file = File.Create(path))
                await tts.SynthesizeWithTimingsAsync(text, "en_female_1", file, CancellationToken.None); // its words are not used

            var spans = RecordedSpeech.TrySpans(path)!;
            var words = SentenceAligner.Align(text, spans);
            Assert.Equal(TextUnits.Words(text), words.Select(w => w.Text));
            var cues = CueBuilder.Build(words);
            var firstWords = new List<int>();
            var at = 0;
            foreach (var cue in cues)
            {
                firstWords.Add(at);
                at += cue.Lines.Sum(l => TextUnits.Words(l).Count);
            }
            var (truth, _) = await new EspeakGroundTruth("en-us+f3").MeasureAsync(EspeakTextToSpeech.Pieces(text), firstWords);

            var errors = TimingErrors.Of(cues, words, truth);
            output.WriteLine($"supplied audio (espeak-ng recording, {text.Length} characters, {spans.Count} spans): {errors}");
            Assert.True(errors.Median < 0.15, errors.ToString());
            Assert.True(errors.P95 < 0.4, errors.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
