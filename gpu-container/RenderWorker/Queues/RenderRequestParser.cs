using System.Text.Json;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>The outcome of reading one queue message.</summary>
public abstract record ParsedMessage
{
    private ParsedMessage() { }

    public sealed record Valid(RenderRequest Request) : ParsedMessage;

    /// <summary>Not a valid request, but its ids are readable: the orchestration can be told.</summary>
    public sealed record Answerable(string InstanceId, string JobId, string Reason) : ParsedMessage;

    /// <summary>Nobody can be told: the raw text goes to the poison queue.</summary>
    public sealed record Unreadable(string Reason) : ParsedMessage;
}

public static class RenderRequestParser
{
    public static ParsedMessage Parse(string text)
    {
        try
        {
            var request = RenderQueueJson.Deserialize<RenderRequest>(text);
            if (Problem(request) is { } problem)
                return new ParsedMessage.Answerable(request.InstanceId, request.JobId, problem);
            return new ParsedMessage.Valid(request);
        }
        catch (JsonException ex)
        {
            return ReadIds(text) is var (instanceId, jobId)
                ? new ParsedMessage.Answerable(instanceId, jobId, Reason(ex))
                : new ParsedMessage.Unreadable(Reason(ex));
        }
    }

    private static string? Problem(RenderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.InstanceId) || string.IsNullOrWhiteSpace(request.JobId))
            return "instanceId and jobId must not be empty";
        Uri?[] urls = [request.ImageUrl, request.AudioUrl, request.VideoUploadUrl, request.PosterUploadUrl];
        if (urls.Any(u => u is not null && (!u.IsAbsoluteUri || u.Scheme is not ("http" or "https"))))
            return "every URL must be an absolute http(s) URL";
        return null;
    }

    private static (string InstanceId, string JobId)? ReadIds(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (
                root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("instanceId", out var instanceId)
                && root.TryGetProperty("jobId", out var jobId)
                && instanceId.ValueKind == JsonValueKind.String
                && jobId.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(instanceId.GetString())
                && !string.IsNullOrWhiteSpace(jobId.GetString())
            )
                return (instanceId.GetString()!, jobId.GetString()!);
        }
        catch (JsonException) { }
        return null;
    }

    // The exception message may quote the payload (presigned URLs): scrub it.
    private static string Reason(JsonException ex) => SecretScrubber.Scrub(ex.Message);
}
