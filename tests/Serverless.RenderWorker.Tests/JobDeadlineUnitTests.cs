using Microsoft.Extensions.Time.Testing;
using Serverless.Contracts;
using Serverless.RenderEngine;

namespace Serverless.RenderWorker.Tests;

public sealed class JobDeadlineUnitTests
{
    [Fact]
    public void The_token_is_cancelled_when_the_deadline_passes_on_the_workers_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var deadline = new JobDeadline(time.GetUtcNow().AddSeconds(10), time);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(deadline.Token.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.HasPassed);
    }

    [Fact]
    public void A_deadline_already_past_is_cancelled_at_once_and_one_years_away_is_accepted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var past = new JobDeadline(time.GetUtcNow().AddSeconds(-1), time);
        using var far = new JobDeadline(time.GetUtcNow().AddYears(1), time);

        Assert.True(past.Token.IsCancellationRequested);
        Assert.False(far.HasPassed);
    }

    [Fact]
    public void The_upload_check_refuses_after_the_deadline_as_deadline_exceeded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var at = time.GetUtcNow().AddSeconds(1);
        JobDeadline.ThrowIfPassed(at, time, "the upload");

        time.Advance(TimeSpan.FromSeconds(1));
        var error = Assert.Throws<RenderFailedException>(() => JobDeadline.ThrowIfPassed(at, time, "the upload"));

        Assert.Equal(RenderErrorCode.DeadlineExceeded, error.Error.Code);
        Assert.Contains("before the upload; nothing was uploaded", error.Error.Message);
    }
}
