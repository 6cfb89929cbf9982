using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// The fake SadTalker's runs log (FAKE_SADTALKER_RUNS_LOG): every run, numbered, with the render worker that started
/// it (its parent pid), the audio it was given, when it started and ended and how. FAKE_SADTALKER_FAIL_RUNS makes
/// the runs of given numbers fail in FAKE_SADTALKER_FAIL_MODE.
/// </summary>
internal sealed class SadTalkerRuns : IDisposable
{
    public string LogPath { get; } = Path.Combine(Path.GetTempPath(), $"e2e-sadtalker-runs-{Guid.NewGuid():N}.jsonl");

    /// <summary>The render worker's settings for a SadTalker that logs its runs here (and fails the runs named).</summary>
    public Dictionary<string, string?> WorkerSettings(string? failRuns = null, string? failMode = null) =>
        new()
        {
            ["FAKE_SADTALKER_RUNS_LOG"] = LogPath,
            ["FAKE_SADTALKER_FAIL_RUNS"] = failRuns,
            ["FAKE_SADTALKER_FAIL_MODE"] = failMode,
        };

    /// <summary>Every run so far, by number.</summary>
    public IReadOnlyList<SadTalkerRun> Read()
    {
        if (!File.Exists(LogPath))
            return [];
        var runs = new SortedDictionary<int, SadTalkerRun>();
        foreach (var line in File.ReadLines(LogPath))
        {
            using var json = TryParse(line);
            if (json is null)
                continue; // being written
            var entry = json.RootElement;
            var number = entry.GetProperty("run").GetInt32();
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(entry.GetProperty("time").GetDouble() * 1000));
            if (entry.GetProperty("event").GetString() == "start")
                runs[number] = new SadTalkerRun(
                    number,
                    entry.GetProperty("ppid").GetInt32(),
                    entry.GetProperty("audioMd5").GetString(),
                    entry.GetProperty("audioSeconds").ValueKind == JsonValueKind.Number
                        ? entry.GetProperty("audioSeconds").GetDouble()
                        : null,
                    time
                );
            else if (runs.TryGetValue(number, out var run))
                runs[number] = run with { Ended = time, Outcome = entry.GetProperty("outcome").GetString() };
        }
        return [.. runs.Values];
    }

    /// <summary>The most runs in progress at one moment, and the render workers (pids) that ran them then.</summary>
    public static (int Runs, IReadOnlySet<int> Workers) MostAtOnce(IReadOnlyList<SadTalkerRun> runs)
    {
        var best = (Runs: 0, Workers: (IReadOnlySet<int>)new HashSet<int>());
        foreach (var run in runs)
        {
            // At a run's start, every run that started no later and has not ended yet is in progress.
            var busy = runs.Where(r => r.Started <= run.Started && (r.Ended is null || r.Ended > run.Started)).ToList();
            if (busy.Count > best.Runs)
                best = (busy.Count, busy.Select(r => r.WorkerPid).ToHashSet());
        }
        return best;
    }

    private static JsonDocument? TryParse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => File.Delete(LogPath);
}

/// <param name="WorkerPid">The parent process: the render worker that ran SadTalker.</param>
/// <param name="AudioMd5">The MD5 of the driven audio: equal for two renders of the same chunk.</param>
/// <param name="Outcome"><c>returned</c>, or the type of the exception it died of; null while it runs (or once killed).</param>
internal sealed record SadTalkerRun(
    int Number,
    int WorkerPid,
    string? AudioMd5,
    double? AudioSeconds,
    DateTimeOffset Started,
    DateTimeOffset? Ended = null,
    string? Outcome = null
)
{
    public bool Rendered => Outcome == "returned";
}
