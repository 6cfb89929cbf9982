using Serverless.Contracts;

namespace Serverless.Pipeline.Chunking;

/// <summary>
/// The bookkeeping of one split job's chunk renders, for the orchestration (deterministic: it only reads the
/// results it is given). At most <c>maxParallel</c> chunks are requested at a time; a chunk that fails in a way
/// another attempt may fix is requested again, up to <c>maxAttempts</c> times in all; a result that arrives
/// twice, or for a chunk already rendered, changes nothing.
/// </summary>
public sealed class ChunkFanOut
{
    private readonly string _jobId;
    private readonly int _maxParallel;
    private readonly int _maxAttempts;
    private readonly RenderResult?[] _rendered;
    private readonly int[] _attempts;
    private readonly int[] _outstanding;
    private int _next;

    public ChunkFanOut(string jobId, int count, int maxParallel, int maxAttempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxParallel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        (_jobId, _maxParallel, _maxAttempts) = (jobId, maxParallel, maxAttempts);
        _rendered = new RenderResult?[count];
        _attempts = new int[count];
        _outstanding = new int[count];
    }

    public int Total => _rendered.Length;

    public int Done => _rendered.Count(r => r is not null);

    /// <summary>GPU time the chunks took (prepare + render of each rendered chunk; a reused chunk costs none).</summary>
    public double GpuSeconds => _rendered.Sum(r => r is null ? 0 : (r.Timings.PrepareMs + r.Timings.RenderMs) / 1000.0);

    /// <summary>The result of each chunk, in plan order, once every chunk is rendered.</summary>
    public IReadOnlyList<RenderResult> Results =>
        Done == Total
            ? [.. _rendered.Select(r => r!)]
            : throw new InvalidOperationException($"{Total - Done} chunks are not rendered yet.");

    /// <summary>The chunks to request first.</summary>
    public IReadOnlyList<int> Start() => Take(_maxParallel);

    public ChunkDecision Accept(RenderResult result)
    {
        if (result.JobId != _jobId || result.ChunkIndex is not { } i || i < 0 || i >= Total)
            return new ChunkDecision.Ignored("not a chunk of this job");
        if (result.ChunkCount != Total)
            return new ChunkDecision.Ignored($"a chunk of a {result.ChunkCount}-chunk plan, not of this {Total}-chunk one");
        if (_rendered[i] is not null)
            return new ChunkDecision.Ignored($"chunk {i} is already rendered");
        var outstanding = _outstanding[i];
        _outstanding[i] = Math.Max(0, outstanding - 1);

        if (result.Status == RenderStatus.Succeeded)
        {
            _rendered[i] = result;
            return Done == Total ? new ChunkDecision.Completed() : new ChunkDecision.Send(Take(1));
        }
        var error = result.Error ?? new RenderError { Code = RenderErrorCode.Crash, Message = $"Chunk {i} failed without a reason." };
        if (outstanding == 0)
            return new ChunkDecision.Ignored($"chunk {i} was already requested again");
        if (Retryable(error.Code) && _attempts[i] < _maxAttempts)
            return new ChunkDecision.Send(Request([i]));
        return new ChunkDecision.GaveUp(i, error);
    }

    /// <summary>
    /// Failures another attempt may fix. SadTalker's own verdicts (no face, missing weights), bad input and a passed
    /// deadline are final.
    /// </summary>
    private static bool Retryable(RenderErrorCode code) =>
        code
            is RenderErrorCode.Crash
                or RenderErrorCode.OutOfMemory
                or RenderErrorCode.Timeout
                or RenderErrorCode.TooManyDeliveries
                or RenderErrorCode.DownloadFailed
                or RenderErrorCode.UploadFailed;

    private List<int> Take(int count)
    {
        var chunks = new List<int>();
        while (chunks.Count < count && _next < Total)
            chunks.Add(_next++);
        return Request(chunks);
    }

    private List<int> Request(List<int> chunks)
    {
        foreach (var i in chunks)
        {
            _attempts[i]++;
            _outstanding[i]++;
        }
        return chunks;
    }
}
