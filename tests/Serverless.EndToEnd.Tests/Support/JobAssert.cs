using System.Text.Json;
using Serverless.Pipeline.Backend;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>Assertions on a job as the backend saw it: its status, its one report, what that report says.</summary>
internal static class JobAssert
{
    /// <summary>The job ended <c>succeeded</c> with one report, accepted at the first attempt unless <paramref name="refusedFirst"/>.</summary>
    public static JobReport Succeeded(Job job, int refusedFirst = 0)
    {
        var report = ReportedOnce(job, "succeeded", refusedFirst);
        Assert.NotNull(report.Output);
        Assert.Null(report.Error);
        return report;
    }

    /// <summary>The job ended <c>failed</c> with one report: <c>&lt;code&gt;: …</c>, its reason saying <paramref name="reason"/>.</summary>
    public static JobReport Failed(Job job, string code, string reason)
    {
        var report = ReportedOnce(job, "failed", refusedFirst: 0);
        Assert.True(
            report.Error?.StartsWith(code + ": ", StringComparison.Ordinal) == true
                && report.Error.Contains(reason, StringComparison.Ordinal),
            $"Job {job.Id}: expected a \"{code}\" error saying \"{reason}\", got \"{report.Error}\"."
        );
        Assert.Null(report.Output);
        return report;
    }

    private static JobReport ReportedOnce(Job job, string status, int refusedFirst)
    {
        Assert.True(job.Status == status, $"Job {job.Id} ended {job.Status}, not {status}: {job.Result?.ToJsonString()}");
        Assert.Equal(1, job.ReportCount);
        var answers = job.ReportAttempts.Select(a => a.AnsweredStatus).ToList();
        Assert.Equal([.. Enumerable.Repeat(500, refusedFirst), 200], answers);
        return job.Result.Deserialize<JobReport>()!;
    }

    /// <summary>Timings a person would believe: nothing negative, nothing longer than the job took.</summary>
    public static void SensibleTimings(Job job, JobReport report, bool spoken)
    {
        var elapsedMs = (job.FinishedAt!.Value - job.LeasedAt!.Value).TotalMilliseconds;
        var timings = report.Timings;
        if (spoken)
            Assert.InRange(timings.TtsMs, 1, elapsedMs);
        else
            Assert.Equal(0, timings.TtsMs);
        Assert.InRange(timings.SadTalkerMs, 1, elapsedMs);
        Assert.InRange(timings.UploadMs, 0, elapsedMs);
        Assert.True(
            timings.TtsMs + timings.SadTalkerMs + timings.UploadMs <= elapsedMs,
            $"Job {job.Id}'s steps add up to more than its {elapsedMs} ms."
        );
    }
}
