using System.Text.Json;

namespace Serverless.Pipeline.Backend;

/// <summary>
/// Reads a lease response body. Pure. Garbage without a readable job id means the backend is in trouble
/// (<see cref="BackendUnavailableException"/>); garbage with one is a job that must be reported failed.
/// </summary>
public static class LeaseResponseReader
{
    public const string MalformedReason = "malformed lease body";

    public static LeaseResult Read(string body, int maxTextLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new BackendUnavailableException($"The backend's lease response is not JSON ({ex.Message}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("job", out var job))
                throw new BackendUnavailableException("The backend's lease response has no \"job\" property.");
            if (job.ValueKind == JsonValueKind.Null)
                return new LeaseResult.Empty();
            if (job.ValueKind != JsonValueKind.Object)
                throw new BackendUnavailableException($"The backend's lease response has a {job.ValueKind} \"job\".");

            WireJob? wire;
            try
            {
                wire = job.Deserialize<WireJob>();
            }
            catch (JsonException)
            {
                wire = null;
            }
            return wire is null ? Malformed(job) : LeasedJobValidator.Validate(wire, maxTextLength);
        }
    }

    private static LeaseResult Malformed(JsonElement job)
    {
        if (!job.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            throw new BackendUnavailableException("The backend's lease response holds a job without a readable id.");
        var value = id.GetString();
        return new LeaseResult.Rejected(LeasedJobValidator.IsReportableId(value) ? value : null, MalformedReason);
    }
}
