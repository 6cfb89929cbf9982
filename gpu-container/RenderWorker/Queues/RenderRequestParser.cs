using System.Text.Json;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>The outcome of reading one queue message.</summary>
public abstract record ParsedMessage
{
    private ParsedMessage() { }

    public sealed record Valid(RenderRequest Request) : ParsedMessage;

    /// <summary>A <see cref="StitchRequest"/> (<c>"kind": "stitch"</c>).</summary>
    public sealed record ValidStitch(StitchRequest Request) : ParsedMessage;

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
            switch (KindOf(text))
            {
                case RenderRequestKinds.Stitch:
                    var stitch = RenderQueueJson.Deserialize<StitchRequest>(text);
                    return ChunkRequestProblems.Of(stitch) is { } stitchProblem
                        ? new ParsedMessage.Answerable(stitch.InstanceId, stitch.JobId, stitchProblem)
                        : new ParsedMessage.ValidStitch(stitch);
                case null or RenderRequestKinds.Render:
                    break;
                case var unknown:
                    return ReadIds(text) is var (id, job)
                        ? new ParsedMessage.Answerable(id, job, $"unknown request kind '{SecretScrubber.Scrub(unknown)}'")
                        : new ParsedMessage.Unreadable("unknown request kind");
            }
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
        return ChunkRequestProblems.OfChunking(request);
    }

    /// <summary>The <c>kind</c> of a JSON object message; null when it has none (or is not an object).</summary>
    private static string? KindOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return
                document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                ? kind.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
