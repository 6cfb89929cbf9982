namespace Serverless.Pipeline.Backend;

/// <summary>What one lease call produced.</summary>
public abstract record LeaseResult
{
    private LeaseResult() { }

    /// <summary><c>{"job": null}</c>: nothing is queued.</summary>
    public sealed record Empty : LeaseResult;

    /// <summary>A job that passed validation.</summary>
    public sealed record Leased(LeasedJob Job) : LeaseResult;

    /// <summary>
    /// The backend moved a job to running but it cannot be processed (unknown kind, empty text, bad
    /// id...). When <see cref="JobId"/> is usable it must be reported failed with <see cref="Reason"/>.
    /// </summary>
    public sealed record Rejected(string? JobId, string Reason) : LeaseResult;
}
