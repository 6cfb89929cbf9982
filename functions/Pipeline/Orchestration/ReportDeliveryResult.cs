namespace Serverless.Pipeline.Orchestration;

/// <param name="Pending">With <see cref="ReportOutcome.Overdue"/>: the state to continue as new with.</param>
public sealed record ReportDeliveryResult(ReportOutcome Outcome, PendingReport? Pending = null);
