using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Fakes;

/// <summary>
/// The backend's worker protocol (<see cref="Serverless.Pipeline.Backend.IBackendClient"/>) on loopback: a lease queue, <c>{"job": null}</c> when it is
/// empty, 401 on a wrong token, scripted raw answers (500s, garbage), and recorded reports (404 for a job it
/// never leased, 400 for an invalid status).
/// </summary>
public sealed class FakeBackend : IAsyncDisposable
{
    public const string Token = "fake-worker-token-123456";

    private readonly ConcurrentQueue<(int Status, string Body)> _leases = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _reportAnswers = new();
    private readonly ConcurrentDictionary<string, bool> _leased = new();
    private readonly ConcurrentQueue<RecordedReport> _reports = new();
    private LoopbackServer? _server;
    private int _leaseCalls;

    public Uri BaseUrl => _server!.BaseUrl;

    public int LeaseCalls => _leaseCalls;

    public IReadOnlyList<RecordedReport> Reports => [.. _reports];

    public static async Task<FakeBackend> StartAsync()
    {
        var backend = new FakeBackend();
        backend._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/render-internal/next-job", backend.LeaseAsync);
            app.MapPost("/api/render-internal/job-result/{id}", backend.ReportAsync);
        });
        return backend;
    }

    /// <summary>Queues a job object (serialized as the <c>job</c> property); its id may then be reported.</summary>
    public void EnqueueJob(string id, string jobJson)
    {
        _leased[id] = false;
        _leases.Enqueue((200, $"{{\"job\":{jobJson}}}"));
    }

    /// <summary>A well-formed talking-head job.</summary>
    public void EnqueueJob(string id, string text = "Hello there.", string imageKey = "uploads/alice/face.png") =>
        EnqueueJob(id, Job(id, text, imageKey));

    public static string Job(string id, string text = "Hello there.", string imageKey = "uploads/alice/face.png") =>
        $$"""
            {"id":"{{id}}","kind":"talking-head",
             "input":{"imageKey":"{{imageKey}}","text":"{{text}}","voiceId":"en_female_1","audioKey":null,"consent":true},
             "costCredits":1,"s3":{"bucket":"b","endpoint":"http://127.0.0.1:1","region":"us-east-1"},
             "imageUrl":"http://127.0.0.1:1/face.png?X-Amz-Signature=abc","audioUrl":null}
            """;

    /// <summary>Queues a raw lease answer (a 500, a garbage body...).</summary>
    public void EnqueueLeaseAnswer(int status, string body) => _leases.Enqueue((status, body));

    /// <summary>Queues a raw answer to the next report (after its body is recorded).</summary>
    public void EnqueueReportAnswer(int status, string body) => _reportAnswers.Enqueue((status, body));

    private async Task LeaseAsync(HttpContext context)
    {
        Interlocked.Increment(ref _leaseCalls);
        if (!Authorized(context))
        {
            await Write(context, 401, """{"error":"Unauthorized"}""");
            return;
        }
        var (status, body) = _leases.TryDequeue(out var next) ? next : (200, """{"job":null}""");
        await Write(context, status, body);
    }

    private async Task ReportAsync(HttpContext context, string id)
    {
        if (!Authorized(context))
        {
            await Write(context, 401, """{"error":"Unauthorized"}""");
            return;
        }
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _reports.Enqueue(new RecordedReport(id, body, context.Request.ContentType));
        if (_reportAnswers.TryDequeue(out var scripted))
            await Write(context, scripted.Status, scripted.Body);
        else if (!_leased.ContainsKey(id))
            await Write(context, 404, """{"error":"Job not found"}""");
        else if (!body.Contains("\"status\":\"succeeded\"") && !body.Contains("\"status\":\"failed\""))
            await Write(context, 400, """{"error":"Invalid status"}""");
        else
            await Write(context, 200, """{"ok":true}""");
    }

    private static bool Authorized(HttpContext context) => context.Request.Headers.Authorization == $"Bearer {Token}";

    private static async Task Write(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

public sealed record RecordedReport(string JobId, string RawBody, string? ContentType);
