using Serverless.Contracts;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class ChunkPlanFingerprintTests
{
    [Fact]
    public void A_plan_keeps_its_fingerprint_through_the_queue_and_durable_history()
    {
        var plan = SpeechWavs.ThreeChunks(70_400);

        var travelled = RenderQueueJson.Deserialize<ChunkPlan>(RenderQueueJson.Serialize(plan));

        Assert.Matches("^[0-9a-f]{16}$", plan.Fingerprint());
        Assert.Equal(plan.Fingerprint(), travelled.Fingerprint());
    }

    [Fact]
    public void A_plan_with_one_cut_elsewhere_has_another_fingerprint()
    {
        var plan = SpeechWavs.ThreeChunks(70_400);
        var moved = plan with
        {
            Chunks = [plan.Chunks[0] with { EndSample = 26_240 }, plan.Chunks[1] with { StartSample = 26_240 }, plan.Chunks[2]],
        };

        Assert.NotEqual(plan.Fingerprint(), moved.Fingerprint());
    }
}
