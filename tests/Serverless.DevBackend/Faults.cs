using System.Text.Json.Serialization;

namespace Serverless.DevBackend;

/// <summary>
/// Scripted misbehaviour for fault tests: each counter is used up one request at a time. Lease errors answer 500
/// and garbage leases an HTML page, both without leasing anything; a malformed lease leases the oldest queued job
/// but describes it with wrongly typed fields; report errors answer 500 without recording the report.
/// </summary>
public sealed class Faults
{
    private int _leaseErrors;
    private int _garbageLeases;
    private int _reportErrors;
    private int _malformedLeases;

    public void Add(FaultRequest request)
    {
        Interlocked.Add(ref _leaseErrors, request.LeaseErrors);
        Interlocked.Add(ref _garbageLeases, request.GarbageLeases);
        Interlocked.Add(ref _reportErrors, request.ReportErrors);
        Interlocked.Add(ref _malformedLeases, request.MalformedLeases);
    }

    public bool TakeLeaseError() => Take(ref _leaseErrors);

    public bool TakeGarbageLease() => Take(ref _garbageLeases);

    public bool TakeReportError() => Take(ref _reportErrors);

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
    [property: JsonPropertyName("malformedLeases")] int MalformedLeases = 0
);
