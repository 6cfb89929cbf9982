using System.ComponentModel.DataAnnotations;
using Cronos;
using Microsoft.Extensions.Configuration;

namespace Serverless.StandaloneHost;

public sealed class StandaloneHostOptions : IValidatableObject
{
    /// <summary>The same six-field CRON expression the Functions timer uses.</summary>
    [ConfigurationKeyName("POLL_SCHEDULE")]
    public string PollSchedule { get; set; } = "*/10 * * * * *";

    public CronExpression ParsePollSchedule() => CronExpression.Parse(PollSchedule, CronFormat.IncludeSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(PollSchedule, CronFormat.IncludeSeconds, out _))
            yield return new ValidationResult($"POLL_SCHEDULE '{PollSchedule}' is not a six-field CRON expression.");
    }
}
