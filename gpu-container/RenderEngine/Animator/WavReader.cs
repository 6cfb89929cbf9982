using System.Buffers.Binary;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Animator;

/// <summary>Streams the samples of the 16-bit PCM mono WAV that <see cref="Media.AudioPreparer"/> writes, block by block.</summary>
internal static class WavReader
{
    public delegate void SamplesHandler(ReadOnlySpan<float> samples);

    /// <summary>Tells <paramref name="onRate"/> the sample rate, then <paramref name="onSamples"/> blocks of samples scaled to [-1, 1].</summary>
    public static void Read(string path, Action<int> onRate, SamplesHandler onSamples)
    {
        using var file = File.OpenRead(path);
        var wav = Pcm16Wav.Read(file);
        if (wav.Channels != 1)
            throw new InvalidDataException($"The speech track has {wav.Channels} channels, not one.");
        onRate(wav.SampleRate);
        file.Position = wav.DataOffset;
        var remaining = wav.DataBytes;
        var bytes = new byte[64 * 1024];
        var samples = new float[bytes.Length / 2];
        while (remaining >= 2)
        {
            var read = file.ReadAtLeast(bytes.AsSpan(0, (int)Math.Min(bytes.Length, remaining)), 2, throwOnEndOfStream: false) & ~1;
            if (read < 2)
                break;
            for (var i = 0; i < read / 2; i++)
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)) / 32768f;
            onSamples(samples.AsSpan(0, read / 2));
            remaining -= read;
        }
    }
}
