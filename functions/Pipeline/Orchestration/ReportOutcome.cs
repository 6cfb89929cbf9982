namespace Serverless.Pipeline.Orchestration;

/// <summary>How the delivery of a job's one report ended.</summary>
public enum ReportOutcome
{
    /// <summary>The backend accepted the report.</summary>
    Delivered,

    /// <summary>The backend refused it for good (a 4xx such as 404 or 400): retrying cannot change that, so the job ends.</summary>
    Refused,

    /// <summary>Not delivered yet: the instance continues as new and keeps trying.</summary>
    Overdue,
}
