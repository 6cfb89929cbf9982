using Serverless.Contracts;

namespace Serverless.Pipeline.Chunking;

/// <summary>
/// Cuts the prepared speech into the plan's chunk audio files at exact sample positions, in-process (the Flex
/// Consumption app has no ffmpeg). Each chunk file is a canonical PCM WAV of the plan's
/// [<see cref="PlannedChunk.AudioStartSample"/>, <see cref="PlannedChunk.AudioEndSample"/>), copied byte for byte.
/// </summary>
public static class WavSplitter
{
    /// <summary>Writes chunk <c>i</c> to <c>pathFor(i)</c>; throws <see cref="InvalidDataException"/> when the WAV is not the one the plan was made for.</summary>
    public static async Task SplitAsync(string wavPath, ChunkPlan plan, Func<int, string> pathFor, CancellationToken cancellationToken)
    {
        if (plan.Problem() is { } problem)
            throw new InvalidDataException($"The chunk plan is not usable: {problem}.");
        await using var source = new FileStream(wavPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var wav = Pcm16Wav.Read(source);
        if (wav.SampleRate != plan.SampleRate || wav.Channels != 1 || wav.Samples != plan.TotalSamples)
            throw new InvalidDataException(
                $"The speech is {wav.Samples} samples of {wav.Channels}-channel {wav.SampleRate} Hz audio; the plan is for {plan.TotalSamples} mono samples at {plan.SampleRate} Hz."
            );

        var buffer = new byte[81920];
        foreach (var chunk in plan.Chunks)
        {
            await using var target = new FileStream(
                pathFor(chunk.Index),
                FileMode.Create,
                FileAccess.Write,
                FileShare.None,
                81920,
                useAsync: true
            );
            await target.WriteAsync(wav.HeaderFor(chunk.AudioSamples), cancellationToken);
            source.Position = wav.DataOffset + chunk.AudioStartSample * wav.BlockAlign;
            var remaining = chunk.AudioSamples * wav.BlockAlign;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                    throw new InvalidDataException("The speech ended before its data chunk did.");
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
    }
}
