using System.Text.Json;
using Serverless.DevBackend;
using Serverless.Pipeline.Backend;

namespace Serverless.Benchmarks.Measures;

/// <summary>
/// One finished job, from the backend's own timestamps: pickup = queued → leased, end-to-end = queued →
/// reported, overhead = (leased → reported) − speech − render, speech and render as the report's timings give them
/// (<c>tts_ms</c>; <c>sadtalker_ms</c>, which includes the audio preparation).
/// </summary>
internal sealed record JobLatency(
    string Kind,
    double PickupSeconds,
    double EndToEndSeconds,
    double LeaseToReportSeconds,
    double SpeechSeconds,
    double RenderSeconds
)
{
    public double OverheadSeconds => LeaseToReportSeconds - SpeechSeconds - RenderSeconds;

    public static JobLatency From(Job job, string kind)
    {
        var report = job.Result?.Deserialize<JobReport>();
        if (job.Status != "succeeded" || job.LeasedAt is not { } leased || job.FinishedAt is not { } reported || report is null)
            throw new InvalidOperationException($"Job {job.Id} ({kind}) ended {job.Status}: {report?.Error}");
        if (job.ReportCount != 1)
            throw new InvalidOperationException($"Job {job.Id} was reported {job.ReportCount} times.");
        return new JobLatency(
            kind,
            (leased - job.CreatedAt).TotalSeconds,
            (reported - job.CreatedAt).TotalSeconds,
            (reported - leased).TotalSeconds,
            report.Timings.TtsMs / 1000.0,
            report.Timings.SadTalkerMs / 1000.0
        );
    }
}
