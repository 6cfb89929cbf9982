using System.Text;
using CliWrap;
using Serverless.Captions;
using Serverless.Contracts;

namespace Serverless.Pipeline.Tests.Captions;

/// <summary>
/// When each word of a text truly starts in espeak-ng's piece-by-piece speech, measured without the code under
/// test: each piece (sentence or clause) is spoken alone to know where it starts in the joined audio, and a word
/// inside a piece starts where the sound of the piece's words before it, spoken alone, ends (or, when the piece
/// pauses there, where its sound resumes).
/// </summary>
internal sealed class EspeakGroundTruth(string voice)
{
    public async Task<(double[] WordStarts, long Samples)> MeasureAsync(IReadOnlyList<string> pieces, IEnumerable<int> wanted)
    {
        var wantedWords = wanted.ToHashSet();
        var starts = new List<double>();
        long offset = 0;
        foreach (var piece in pieces)
        {
            var (samples, rate) = await SpeakAsync(piece);
            var words = TextUnits.Words(piece);
            for (var k = 0; k < words.Count; k++)
            {
                var index = starts.Count;
                if (!wantedWords.Contains(index))
                    starts.Add(double.NaN);
                else if (k == 0)
                    starts.Add((offset + SoundStart(samples)) / (double)rate);
                else
                {
                    var (prefix, _) = await SpeakAsync(string.Join(' ', words.Take(k)));
                    starts.Add((offset + SoundAfter(samples, SoundEnd(prefix))) / (double)rate);
                }
            }
            offset += samples.Length;
        }
        return ([.. starts], offset);
    }

    public async Task<(short[] Samples, int Rate)> SpeakAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var wav = new MemoryStream();
        await Cli.Wrap("espeak-ng")
            .WithArguments(["-v", voice, "--stdin", "--stdout"])
            .WithStandardInputPipe(PipeSource.FromString(text, Encoding.UTF8))
            .WithStandardOutputPipe(PipeTarget.ToStream(wav))
            .ExecuteAsync(timeout.Token);
        var format = Pcm16Wav.Read(wav);
        var data = wav.ToArray().AsSpan((int)format.DataOffset, (int)format.DataBytes);
        return (EnergySpeechDetector.ReadMono(data, format.Channels), format.SampleRate);
    }

    private const int Window = 110; // 5 ms at 22 050 Hz

    private static double[] Levels(short[] samples)
    {
        var levels = new double[samples.Length / Window];
        for (var w = 0; w < levels.Length; w++)
        {
            double sum = 0;
            for (var i = w * Window; i < (w + 1) * Window; i++)
                sum += (double)samples[i] * samples[i];
            levels[w] = Math.Sqrt(sum / Window);
        }
        return levels;
    }

    /// <summary>The first sample of sound: the first 5 ms louder than 3 % of the loudest.</summary>
    private static long SoundStart(short[] samples)
    {
        var levels = Levels(samples);
        var threshold = levels.Max() * 0.03;
        return Array.FindIndex(levels, l => l > threshold) * (long)Window;
    }

    /// <summary>The first sample of sound in <paramref name="samples"/> at or after <paramref name="from"/>.</summary>
    private static long SoundAfter(short[] samples, long from)
    {
        var levels = Levels(samples);
        var threshold = levels.Max() * 0.03;
        var first = (int)Math.Min(levels.Length - 1, from / Window);
        var index = Array.FindIndex(levels, first, l => l > threshold);
        return index < 0 ? from : Math.Max(from, index * (long)Window);
    }

    /// <summary>The sample after the last sound.</summary>
    private static long SoundEnd(short[] samples)
    {
        var levels = Levels(samples);
        var threshold = levels.Max() * 0.03;
        return (Array.FindLastIndex(levels, l => l > threshold) + 1) * (long)Window;
    }
}
