using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Backend;

/// <summary>The <c>status</c> of a job report, as the backend spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

public static class JobStatusExtensions
{
    public static string ToWireName(this JobStatus status) => status == JobStatus.Succeeded ? "succeeded" : "failed";
}
