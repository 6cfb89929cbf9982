namespace Serverless.Benchmarks.Measures;

/// <summary>
/// A batch of jobs queued at once. The rate is taken over the busy window, from the first lease to the last
/// report (steady state: the idle wait for the first pickup is a latency, measured on its own); the makespan runs
/// from the first job queued to the last report.
/// </summary>
internal sealed record ThroughputResult(
    string System,
    string Kind,
    IReadOnlyList<JobLatency> Jobs,
    double WindowSeconds,
    double MakespanSeconds
)
{
    public double JobsPerMinute => Jobs.Count / WindowSeconds * 60;

    public double JobsPerMinuteFromQueued => Jobs.Count / MakespanSeconds * 60;
}
