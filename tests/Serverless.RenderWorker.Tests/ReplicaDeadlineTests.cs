using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Tests;

public sealed class ReplicaDeadlineTests
{
    private static ReplicaDeadline Deadline(FakeTimeProvider time, int replicaTimeoutSeconds, double sadTalkerTimeoutSeconds = 1800) =>
        new(
            time,
            Options.Create(new RenderWorkerOptions { ReplicaTimeoutSeconds = replicaTimeoutSeconds }),
            Options.Create(new RenderEngineOptions { SadTalkerTimeoutSeconds = sadTalkerTimeoutSeconds })
        );

    [Fact]
    public void A_worker_without_a_replica_timeout_always_has_time_for_another_job()
    {
        var time = new FakeTimeProvider();
        var deadline = Deadline(time, replicaTimeoutSeconds: 0);

        time.Advance(TimeSpan.FromDays(30));

        Assert.True(deadline.HasTimeForAnotherJob);
    }

    [Fact]
    public void The_last_job_starts_while_the_longest_render_and_the_margin_still_fit_in_the_replica_time()
    {
        var time = new FakeTimeProvider();
        // 3600 s replica, 1800 s SadTalker timeout + 600 s margin: the last job may start at 1200 s.
        var deadline = Deadline(time, replicaTimeoutSeconds: 3600);

        time.Advance(TimeSpan.FromSeconds(1200));
        Assert.True(deadline.HasTimeForAnotherJob);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(deadline.HasTimeForAnotherJob);
        Assert.Equal(TimeSpan.FromSeconds(2400), deadline.LongestJob);
    }

    [Fact]
    public void A_longer_sadtalker_timeout_ends_the_receiving_earlier()
    {
        var time = new FakeTimeProvider();
        var deadline = Deadline(time, replicaTimeoutSeconds: 3600, sadTalkerTimeoutSeconds: 2700);

        time.Advance(TimeSpan.FromSeconds(301));

        Assert.False(deadline.HasTimeForAnotherJob);
    }
}
