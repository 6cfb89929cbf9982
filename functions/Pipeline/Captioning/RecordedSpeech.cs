using NLayer;
using Serverless.Captions;
using Serverless.Contracts;

namespace Serverless.Pipeline.Captioning;

/// <summary>
/// The speech spans of a supplied recording, decoded in C# (the pipeline host has no ffmpeg): 16-bit PCM WAV, and
/// MP3 through the managed NLayer decoder, both streamed through a <see cref="LoudnessMeter"/>. Other formats
/// (AAC, Ogg, FLAC …) are not read: null.
/// </summary>
public static class RecordedSpeech
{
    private const int BlockSamples = 64 * 1024;

    public static IReadOnlyList<SpeechSpan>? TrySpans(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[12];
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (length >= 12 && head.AsSpan(0, 4).SequenceEqual("RIFF"u8) && head.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            return WavSpans(file);
        if (length >= 3 && (head.AsSpan(0, 3).SequenceEqual("ID3"u8) || head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
            return Mp3Spans(file);
        return null;
    }

    private static IReadOnlyList<SpeechSpan>? WavSpans(FileStream file)
    {
        Pcm16Wav format;
        try
        {
            format = Pcm16Wav.Read(file);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        var meter = new LoudnessMeter(format.SampleRate);
        var buffer = new byte[BlockSamples * format.BlockAlign];
        file.Position = format.DataOffset;
        var left = format.DataBytes;
        while (left > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
                break;
            read -= read % format.BlockAlign;
            meter.Add(EnergySpeechDetector.ReadMono(buffer.AsSpan(0, read), format.Channels));
            left -= read;
        }
        return meter.Spans();
    }

    private static IReadOnlyList<SpeechSpan>? Mp3Spans(FileStream file)
    {
        using var mpeg = new MpegFile(file);
        if (mpeg.SampleRate <= 0 || mpeg.Channels <= 0)
            return null;
        var meter = new LoudnessMeter(mpeg.SampleRate);
        var buffer = new float[BlockSamples * mpeg.Channels];
        int read;
        while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
            meter.Add(buffer.AsSpan(0, read), mpeg.Channels);
        return meter.Spans();
    }
}
