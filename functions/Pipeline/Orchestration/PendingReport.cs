using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>A job's report that has not landed yet, carried across ContinueAsNew of the instance delivering it.</summary>
/// <param name="PastWindow">The REPORT_RETRY_MINUTES window is over: retry on the fixed interval only.</param>
/// <param name="AttemptsPastWindow">Attempts made since the window ended, over all continued runs.</param>
public sealed record PendingReport(JobReport Report, bool PastWindow = false, int AttemptsPastWindow = 0);
