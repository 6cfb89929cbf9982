namespace Serverless.Benchmarks.Measures;

/// <summary>
/// Watches processes while a job runs: their peak resident size (VmHWM, reset at the start when the kernel
/// allows it, else the largest VmRSS seen) and the largest peak among their child processes (ffmpeg, ffprobe).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyList<int> _pids;
    private readonly Dictionary<int, long> _maxRss = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _maxChildKb;

    public MemorySampler(IReadOnlyList<int> pids)
    {
        _pids = pids;
        PeakWasReset = pids.All(ProcessMemory.TryResetPeak);
        _sampling = SampleAsync(_stop.Token);
    }

    public bool PeakWasReset { get; }

    /// <summary>Stops sampling; returns the peak of each process and the largest child peak, in KiB.</summary>
    public async Task<(IReadOnlyDictionary<int, long> Peaks, long MaxChildKb)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        // A process that has exited has no /proc entry left: its peak is the last one sampled.
        var peaks = _pids.ToDictionary(
            pid => pid,
            pid => (PeakWasReset ? ProcessMemory.PeakKb(pid) : null) ?? _maxRss.GetValueOrDefault(pid)
        );
        return (peaks, _maxChildKb);
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), stop);
            }
            catch (OperationCanceledException) { }
        }
    }

    private void Sample()
    {
        foreach (var pid in _pids)
        {
            var resident = PeakWasReset ? ProcessMemory.PeakKb(pid) : ProcessMemory.CurrentKb(pid);
            _maxRss[pid] = Math.Max(_maxRss.GetValueOrDefault(pid), resident ?? 0);
            foreach (var child in ProcessMemory.Descendants(pid))
                _maxChildKb = Math.Max(_maxChildKb, ProcessMemory.PeakKb(child) ?? 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }
}
