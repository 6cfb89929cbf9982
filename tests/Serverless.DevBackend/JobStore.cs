using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Serverless.DevBackend;

/// <summary>
/// Jobs with the backend's atomic lease: the oldest queued job moves to running. In memory, and written to
/// DEV_BACKEND_DATA_FILE after every change when it is set, so that the local stack can be restarted.
/// </summary>
public sealed class JobStore
{
    private readonly Lock _gate = new();
    private readonly List<Job> _jobs = [];
    private readonly string? _dataFile;

    public JobStore(IOptions<DevBackendOptions> options)
    {
        _dataFile = options.Value.DataFile;
        if (_dataFile is not null && File.Exists(_dataFile))
            _jobs.AddRange(JsonSerializer.Deserialize<List<Job>>(File.ReadAllText(_dataFile)) ?? []);
    }

    public static string NewObjectId()
    {
        // Like a MongoDB ObjectId: 4 bytes of seconds, then 8 random bytes, as 24 hex chars.
        Span<byte> id = stackalloc byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(id, (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(id[4..]);
        return Convert.ToHexStringLower(id);
    }

    public void Add(Job job)
    {
        lock (_gate)
        {
            _jobs.Add(job);
            Save();
        }
    }

    public Job? LeaseOldestQueued()
    {
        lock (_gate)
        {
            var job = _jobs.FirstOrDefault(j => j.Status == "queued");
            if (job is null)
                return null;
            job.Status = "running";
            job.LeasedAt = DateTimeOffset.UtcNow;
            Save();
            return job;
        }
    }

    public Job? Find(string id)
    {
        lock (_gate)
            return _jobs.FirstOrDefault(j => j.Id == id);
    }

    public IReadOnlyList<Job> All()
    {
        lock (_gate)
            return [.. _jobs];
    }

    /// <summary>Notes a report request for job <paramref name="id"/> (if it exists) and the status it was answered with.</summary>
    public void RecordReportAttempt(string id, int answeredStatus)
    {
        lock (_gate)
        {
            if (_jobs.FirstOrDefault(j => j.Id == id) is { } job)
                job.ReportAttempts = [.. job.ReportAttempts, new ReportAttempt(DateTimeOffset.UtcNow, answeredStatus)];
            Save();
        }
    }

    /// <summary>Runs <paramref name="update"/> under the store's lock.</summary>
    public T Update<T>(Func<T> update)
    {
        lock (_gate)
        {
            var result = update();
            Save();
            return result;
        }
    }

    /// <summary>Under the lock: the whole list, written to a temporary file and moved over the old one.</summary>
    private void Save()
    {
        if (_dataFile is null)
            return;
        var temporary = _dataFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_jobs));
        File.Move(temporary, _dataFile, overwrite: true);
    }
}
