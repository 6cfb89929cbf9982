using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Serverless.DevBackend;

/// <summary>The backend's worker protocol, byte for byte: lease and report, behind the bearer token.</summary>
public static class WorkerProtocolEndpoints
{
    public static void MapWorkerProtocol(this WebApplication app)
    {
        var group = app.MapGroup("/api/render-internal").AddEndpointFilter(RequireWorkerToken);

        group.MapPost(
            "/next-job",
            async (JobStore store, InputStorage storage, Faults faults) =>
            {
                if (faults.TakeLeaseError())
                    return Results.Json(new { error = "Failed to lease job" }, statusCode: 500);
                if (faults.TakeGarbageLease())
                    return Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html");

                var job = store.LeaseOldestQueued();
                if (job is null)
                    return Results.Json(new { job = (object?)null });
                if (faults.TakeLeaseDelay() is { Ticks: > 0 } delay)
                    await Task.Delay(delay);
                if (faults.TakeMalformedLease())
                    return Results.Json(
                        new
                        {
                            job = new
                            {
                                id = job.Id,
                                kind = job.Kind,
                                input = "not an object",
                                imageUrl = 42,
                            },
                        }
                    );
                return Results.Json(new { job = Describe(job, storage) });
            }
        );

        group.MapPost(
            "/job-result/{id}",
            async (string id, HttpRequest request, JobStore store, Faults faults) =>
            {
                var answer = await ReportAsync(id, request, store, faults);
                store.RecordReportAttempt(id, (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
                return answer;
            }
        );
    }

    private static async Task<IResult> ReportAsync(string id, HttpRequest request, JobStore store, Faults faults)
    {
        if (faults.TakeReportError())
            return Results.Json(new { error = "Failed to save job result" }, statusCode: 500);

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return Results.Json(new { error = "Invalid status" }, statusCode: 400);
        }
        var status = body?["status"]?.GetValueKind() == JsonValueKind.String ? body["status"]!.GetValue<string>() : null;
        if (status is not ("succeeded" or "failed"))
            return Results.Json(new { error = "Invalid status" }, statusCode: 400);

        var found = store.Update(() =>
        {
            var job = store.Find(id);
            if (job is null)
                return false;
            job.Status = status;
            job.Result = body;
            job.ReportCount++;
            job.FinishedAt = DateTimeOffset.UtcNow;
            return true;
        });
        return found ? Results.Json(new { ok = true }) : Results.Json(new { error = "Job not found" }, statusCode: 404);
    }

    private static object Describe(Job job, InputStorage storage) =>
        new
        {
            id = job.Id,
            kind = job.Kind,
            input = job.Input,
            costCredits = 1,
            s3 = storage.Describe(),
            imageUrl = job.ImageUrlOverride ?? (job.Input.ImageKey is null ? null : storage.SignGet(job.Input.ImageKey)),
            audioUrl = job.Input.AudioKey is null ? null : storage.SignGet(job.Input.AudioKey),
        };

    private static async ValueTask<object?> RequireWorkerToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var expected = "Bearer " + http.RequestServices.GetRequiredService<IOptions<DevBackendOptions>>().Value.WorkerToken;
        var actual = http.Request.Headers.Authorization.ToString();
        if (
            !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(actual),
                System.Text.Encoding.UTF8.GetBytes(expected)
            )
        )
            return Results.Json(new { error = "Unauthorized" }, statusCode: 401);
        return await next(context);
    }
}
