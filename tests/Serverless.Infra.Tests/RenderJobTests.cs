using Serverless.Infra.Tests.Snapshot;

namespace Serverless.Infra.Tests;

public sealed class RenderJobTests
{
    [Fact]
    public void The_worker_is_told_the_replica_timeout_of_its_job()
    {
        var job = BicepSnapshot.Resource("Microsoft.App/jobs");
        var replicaTimeout = (int)job["properties"]!["configuration"]!["replicaTimeout"]!;

        var told = BicepSnapshot.RenderJobEnvironment()["RENDER_REPLICA_TIMEOUT_SECONDS"];

        Assert.Equal(replicaTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture), told);
    }
}
