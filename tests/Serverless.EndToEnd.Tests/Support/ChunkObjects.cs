using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Serverless.RenderEngine.Chunking;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// A split job's objects in the bucket, read with the tests' own S3 client: the chunk audio SplitSpeech cut and the
/// chunk videos the workers uploaded, <c>work/&lt;jobId&gt;/chunks/&lt;plan&gt;/&lt;i&gt;.wav|mp4</c>, there until the
/// job is cleaned up after its report.
/// </summary>
internal sealed partial class ChunkObjects(S3ServerFixture s3, string jobId) : IDisposable
{
    private readonly IAmazonS3 _client = s3.CreateClient();

    private string Prefix => $"work/{jobId}/chunks/";

    public async Task<IReadOnlyList<ChunkObject>> ListAsync(CancellationToken cancellationToken = default)
    {
        var page = await _client.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = Prefix },
            cancellationToken
        );
        return
        [
            .. (page.S3Objects ?? [])
                .Select(o => (o.Key, Match: Key().Match(o.Key[Prefix.Length..])))
                .Where(k => k.Match.Success)
                .Select(k => new ChunkObject(
                    k.Key,
                    k.Match.Groups["plan"].Value,
                    int.Parse(k.Match.Groups["index"].Value),
                    k.Match.Groups["kind"].Value
                )),
        ];
    }

    /// <summary>The chunk videos uploaded so far, by index.</summary>
    public async Task<IReadOnlyList<int>> VideosAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(o => o.Kind == "mp4").Select(o => o.Index).Order()];

    /// <summary>Waits until all <paramref name="count"/> chunk audio files are uploaded and reads how they lie in the speech.</summary>
    public async Task<ChunkLayout> WaitForLayoutAsync(int count, TimeSpan timeout)
    {
        var audio = await Eventually.ValueAsync(
            async () =>
            {
                var wavs = (await ListAsync()).Where(o => o.Kind == "wav").OrderBy(o => o.Index).ToList();
                return wavs.Count == count && wavs.Select(w => w.Index).SequenceEqual(Enumerable.Range(0, count)) ? wavs : null;
            },
            timeout,
            $"the {count} chunk audio files of job {jobId}",
            TimeSpan.FromMilliseconds(100)
        );
        var samples = new List<long>();
        foreach (var wav in audio)
            samples.Add(DataSamples(await s3.GetObjectBytesAsync(wav.Key, CancellationToken.None)));
        return new ChunkLayout(samples);
    }

    /// <summary>The number of 16-bit mono samples in a WAV's data chunk.</summary>
    private static long DataSamples(byte[] wav)
    {
        for (var offset = 12; offset + 8 <= wav.Length; )
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 4));
            if (wav.AsSpan(offset, 4).SequenceEqual("data"u8))
                return size / 2;
            offset += 8 + (int)size + (int)(size & 1);
        }
        throw new InvalidDataException("The chunk audio has no data chunk.");
    }

    [GeneratedRegex(@"^(?<plan>[^/]+)/(?<index>\d+)\.(?<kind>wav|mp4)$")]
    private static partial Regex Key();

    public void Dispose() => _client.Dispose();
}

internal sealed record ChunkObject(string Key, string PlanId, int Index, string Kind);

/// <summary>
/// Where the chunks of a plan lie in its 16 kHz speech, from the lengths of their audio alone: chunk i (after the
/// first) starts <see cref="ChunkTiming.CrossfadeFrames"/> frames before chunk i - 1 ends, and the stitch crossfades
/// the two over those frames (<see cref="StitchGraph"/>).
/// </summary>
internal sealed record ChunkLayout(IReadOnlyList<long> AudioSamples)
{
    private const int FrameSamples = ChunkTiming.PlanSampleRate / 25;

    public int Count => AudioSamples.Count;

    /// <summary>Where each chunk's audio starts in the speech, in samples.</summary>
    public IReadOnlyList<long> AudioStarts
    {
        get
        {
            var starts = new List<long> { 0 };
            for (var i = 1; i < Count; i++)
                starts.Add(starts[i - 1] + AudioSamples[i - 1] - ChunkTiming.CrossfadeFrames * FrameSamples);
            return starts;
        }
    }

    public double DurationSec => (AudioStarts[^1] + AudioSamples[^1]) / (double)ChunkTiming.PlanSampleRate;

    /// <summary>Each chunk's audio in seconds: what SadTalker is given for it.</summary>
    public IEnumerable<double> ChunkSeconds => AudioSamples.Select(s => s / (double)ChunkTiming.PlanSampleRate);

    /// <summary>The video frames of each crossfade, first and last: the frames both neighbours of a cut animated.</summary>
    public IReadOnlyList<(int First, int Last)> Crossfades =>
        [
            .. Enumerable
                .Range(1, Count - 1)
                .Select(i =>
                    (
                        (int)((AudioStarts[i] + FrameSamples / 2) / FrameSamples),
                        (int)((AudioStarts[i - 1] + AudioSamples[i - 1] + FrameSamples - 1) / FrameSamples) - 1
                    )
                ),
        ];

    /// <summary>The cuts (chunk i's start), in seconds of speech.</summary>
    public IEnumerable<double> CutSeconds =>
        AudioStarts.Skip(1).Select(s => (s + ChunkTiming.LeadFrames * FrameSamples) / (double)ChunkTiming.PlanSampleRate);
}
