using System.Text.Json.Serialization;

namespace Serverless.DevBackend;

/// <summary>
/// Scripted misbehaviour for fault tests: each counter is used up one request at a time. Lease errors answer 500
/// and garbage leases an HTML page, both without leasing anything; a malformed lease leases the oldest queued job
/// but describes it with wrongly typed fields; report errors answer 500 without recording the report. A report
/// outage answers 500 to every report for a while, however many come, counted from the first report it refuses.
/// A lease delay holds the answer to the next lease that leases a job (already committed) for a while.
/// </summary>
public sealed class Faults
{
    private int _leaseErrors;
    private int _garbageLeases;
    private int _reportErrors;
    private int _malformedLeases;
    private long _reportOutageTicks;
    private long _reportOutageUntilTicks;
    private long _leaseDelayTicks;

    public void Add(FaultRequest request)
    {
        Interlocked.Add(ref _leaseErrors, request.LeaseErrors);
        Interlocked.Add(ref _garbageLeases, request.GarbageLeases);
        Interlocked.Add(ref _reportErrors, request.ReportErrors);
        Interlocked.Add(ref _malformedLeases, request.MalformedLeases);
        if (request.LeaseDelaySeconds > 0)
            Interlocked.Exchange(ref _leaseDelayTicks, TimeSpan.FromSeconds(request.LeaseDelaySeconds).Ticks);
        if (request.ReportOutageSeconds > 0)
            Interlocked.Exchange(ref _reportOutageTicks, TimeSpan.FromSeconds(request.ReportOutageSeconds).Ticks);
    }

    public bool TakeLeaseError() => Take(ref _leaseErrors);

    /// <summary>How long to hold the answer to this lease (zero when no delay is scripted); used up at once.</summary>
    public TimeSpan TakeLeaseDelay() => TimeSpan.FromTicks(Interlocked.Exchange(ref _leaseDelayTicks, 0));

    public bool TakeGarbageLease() => Take(ref _garbageLeases);

    public bool TakeReportError() => InReportOutage() || Take(ref _reportErrors);

    private bool InReportOutage()
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var starting = Interlocked.Exchange(ref _reportOutageTicks, 0);
        if (starting > 0)
            Interlocked.Exchange(ref _reportOutageUntilTicks, now + starting);
        return now < Interlocked.Read(ref _reportOutageUntilTicks);
    }

    public bool TakeMalformedLease() => Take(ref _malformedLeases);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
                return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
                return true;
        }
    }
}

public sealed record FaultRequest(
    [property: JsonPropertyName("leaseErrors")] int LeaseErrors = 0,
    [property: JsonPropertyName("garbageLeases")] int GarbageLeases = 0,
    [property: JsonPropertyName("reportErrors")] int ReportErrors = 0,
    [property: JsonPropertyName("malformedLeases")] int MalformedLeases = 0,
    [property: JsonPropertyName("reportOutageSeconds")] double ReportOutageSeconds = 0,
    [property: JsonPropertyName("leaseDelaySeconds")] double LeaseDelaySeconds = 0
);
