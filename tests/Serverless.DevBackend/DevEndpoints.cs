using System.Text.Json.Serialization;

namespace Serverless.DevBackend;

/// <summary>What the web app's UI does in production: queue a job and read its status. Plus fault injection.</summary>
public static class DevEndpoints
{
    public static void MapDevEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/dev");

        group.MapPost(
            "/jobs",
            async (NewJobRequest request, JobStore store, InputStorage storage, CancellationToken ct) =>
            {
                var id = request.Id ?? JobStore.NewObjectId();
                var user = request.User ?? "demo";
                string? imageKey = request.ImageKey,
                    audioKey = null;
                foreach (var path in new[] { request.ImagePath, request.AudioPath })
                {
                    if (path is not null && !File.Exists(path))
                        return Results.BadRequest(new { error = $"No such file: {path}" });
                }
                if (request.ImagePath is not null)
                    imageKey = await UploadAsync(
                        storage,
                        request.ImagePath,
                        $"uploads/{user}/{id}{Path.GetExtension(request.ImagePath)}",
                        ct
                    );
                if (request.AudioPath is not null)
                    audioKey = await UploadAsync(
                        storage,
                        request.AudioPath,
                        $"uploads/{user}/{id}-audio{Path.GetExtension(request.AudioPath)}",
                        ct
                    );

                store.Add(
                    new Job
                    {
                        Id = id,
                        Kind = request.Kind ?? "talking-head",
                        Input = new JobInput
                        {
                            ImageKey = imageKey,
                            Text = request.Text,
                            VoiceId = request.VoiceId ?? "en_female_1",
                            AudioKey = audioKey,
                        },
                        ImageUrlOverride = request.ImageUrl,
                    }
                );
                return Results.Json(new { id }, statusCode: 201);
            }
        );

        // The web app uploads first and queues jobs naming the key later; tests reuse one upload for many jobs.
        group.MapPost(
            "/uploads",
            async (UploadRequest request, InputStorage storage, CancellationToken ct) =>
            {
                if (!File.Exists(request.Path))
                    return Results.BadRequest(new { error = $"No such file: {request.Path}" });
                var key = await UploadAsync(
                    storage,
                    request.Path,
                    $"uploads/{request.User ?? "demo"}/{Path.GetFileName(request.Path)}",
                    ct
                );
                return Results.Json(new { key }, statusCode: 201);
            }
        );

        group.MapGet("/jobs", (JobStore store) => Results.Json(store.All()));
        group.MapGet("/jobs/{id}", (string id, JobStore store) => store.Find(id) is { } job ? Results.Json(job) : Results.NotFound());
        group.MapGet(
            "/jobs/{id}/video-url",
            (string id, JobStore store, InputStorage storage) =>
                store.Find(id)?.Result?["output"]?["videoKey"]?.GetValue<string>() is { } key
                    ? Results.Json(new { url = storage.SignGet(key) })
                    : Results.NotFound()
        );
        group.MapPost(
            "/faults",
            (FaultRequest request, Faults faults) =>
            {
                faults.Add(request);
                return Results.NoContent();
            }
        );
    }

    private static async Task<string> UploadAsync(InputStorage storage, string path, string key, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await storage.PutAsync(key, file, ContentTypeOf(path), ct);
        return key;
    }

    private static string ContentTypeOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".mp3" => "audio/mpeg",
            ".wav" => "audio/wav",
            ".m4a" => "audio/mp4",
            _ => "application/octet-stream",
        };
}

/// <summary>
/// A job to queue. <see cref="ImagePath"/>/<see cref="AudioPath"/> are uploaded to S3 like the web app's uploads;
/// <see cref="Id"/>, <see cref="Kind"/>, <see cref="ImageKey"/> and <see cref="ImageUrl"/> let tests queue bad jobs.
/// </summary>
public sealed record NewJobRequest(
    [property: JsonPropertyName("imagePath")] string? ImagePath = null,
    [property: JsonPropertyName("audioPath")] string? AudioPath = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("voiceId")] string? VoiceId = null,
    [property: JsonPropertyName("user")] string? User = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("imageKey")] string? ImageKey = null,
    [property: JsonPropertyName("imageUrl")] string? ImageUrl = null
);

/// <summary>A local file to store under <c>uploads/&lt;user&gt;/&lt;file name&gt;</c>.</summary>
public sealed record UploadRequest(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("user")] string? User = null
);
