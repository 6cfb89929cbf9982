using System.Threading.Channels;

namespace Serverless.RenderEngine.Animator;

/// <summary>One drawing thread's frame buffers: drawn ones waiting for the encoder, and free ones to draw into.</summary>
internal sealed record FrameLane(Channel<byte[]> Filled, Channel<byte[]> Free)
{
    public static FrameLane Create(int buffers, int frameBytes)
    {
        var lane = new FrameLane(Channel.CreateBounded<byte[]>(buffers), Channel.CreateBounded<byte[]>(buffers));
        for (var i = 0; i < buffers; i++)
            lane.Free.Writer.TryWrite(GC.AllocateUninitializedArray<byte>(frameBytes));
        return lane;
    }
}
