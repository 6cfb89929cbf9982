namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// Where one chunk video lies in the stitched video, in frames. Frames [0, <see cref="Lead"/>) of the chunk are
/// the cross-fade from the chunk before, [<see cref="BodyEnd"/>, <see cref="Frames"/>) the one into the chunk after;
/// the body between is the chunk's alone.
/// </summary>
/// <param name="FirstFrame">The stitched frame the chunk's first frame becomes.</param>
public sealed record ChunkSpan(long FirstFrame, long Frames, long Lead, long BodyEnd)
{
    public long BodyFrames => BodyEnd - Lead;

    /// <summary>The frames of the cross-fade into the next chunk.</summary>
    public long TailFrames => Frames - BodyEnd;
}
