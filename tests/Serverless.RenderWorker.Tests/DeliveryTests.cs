using Microsoft.Extensions.Hosting;
using Serverless.Contracts;
using Xunit.Abstractions;

namespace Serverless.RenderWorker.Tests;

public sealed class DeliveryTests(WorkerEnvironment env, ITestOutputHelper output) : WorkerTest(env, output)
{
    [Fact(Timeout = 90_000)]
    public async Task A_job_of_a_worker_that_dies_mid_render_reappears_after_the_visibility_timeout_and_another_worker_completes_it()
    {
        var stuck = new FakeVideoRenderer { Gated = true };
        var dying = await StartWorkerAsync(stuck, ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "3"));
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId));
        await Eventually.TrueAsync(() => stuck.Current == 1, Soon, "the first worker to be rendering");

        // Disposed without a stop: like a killed process, it neither releases nor deletes the message.
        dying.Dispose();
        Assert.Equal(0, await Env.Requests.VisibleCountAsync());
        var survivor = new FakeVideoRenderer();
        await StartWorkerAsync(survivor, ("RENDER_VISIBILITY_TIMEOUT_SECONDS", "3"));

        var result = await Env.Results.TakeResultAsync(Soon);
        Assert.Equal((RenderStatus.Succeeded, jobId, 2L), (result.Status, result.JobId, result.DeliveryCount));
        Assert.Equal(1, survivor.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
        Assert.Equal(0, await Env.Results.CountAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_delivered_more_often_than_allowed_is_answered_too_many_deliveries_without_rendering()
    {
        var jobId = NewJobId();
        await Env.SendAsync(await Env.StageRequestAsync(jobId));
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            // Earlier consumers that crashed: received, then lost.
            var message = (await Env.Requests.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value;
            Assert.Equal(delivery, message.DequeueCount);
            await Env.Requests.UpdateMessageAsync(message.MessageId, message.PopReceipt, (string?)null, TimeSpan.Zero);
        }
        var renderer = new FakeVideoRenderer();
        await StartWorkerAsync(renderer, ("RENDER_MAX_DELIVERIES", "2"));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal(
            (RenderStatus.Failed, RenderErrorCode.TooManyDeliveries, 3L),
            (result.Status, result.Error?.Code, result.DeliveryCount)
        );
        Assert.Equal(jobId, result.JobId);
        Assert.Equal(0, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_transient_render_failure_releases_the_request_and_the_next_delivery_succeeds()
    {
        var renderer = new FakeVideoRenderer().ThenFail(RenderErrorCode.OutOfMemory);
        await StartWorkerAsync(renderer);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal((RenderStatus.Succeeded, 2L), (result.Status, result.DeliveryCount));
        Assert.Equal(2, renderer.Calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_transient_failure_on_the_last_allowed_delivery_is_reported_failed()
    {
        var renderer = new FakeVideoRenderer().ThenFail(RenderErrorCode.Crash).ThenFail(RenderErrorCode.Crash);
        await StartWorkerAsync(renderer, ("RENDER_MAX_DELIVERIES", "2"));
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal((RenderStatus.Failed, RenderErrorCode.Crash, 2L), (result.Status, result.Error?.Code, result.DeliveryCount));
        Assert.Equal(2, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permanent_render_failure_is_reported_on_the_first_delivery()
    {
        var renderer = new FakeVideoRenderer().ThenFail(RenderErrorCode.NoFace);
        await StartWorkerAsync(renderer);
        await Env.SendAsync(await Env.StageRequestAsync(NewJobId()));

        var result = await Env.Results.TakeResultAsync(Soon);

        Assert.Equal((RenderStatus.Failed, RenderErrorCode.NoFace, 1L), (result.Status, result.Error?.Code, result.DeliveryCount));
        Assert.Equal(1, renderer.Calls);
        await Eventually.TrueAsync(async () => await Env.Requests.CountAsync() == 0, Soon, "the request to be deleted");
    }
}
