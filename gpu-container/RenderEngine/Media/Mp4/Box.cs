using System.Buffers.Binary;
using System.Text;

namespace Serverless.RenderEngine.Media.Mp4;

/// <summary>One ISO-BMFF box inside a buffer: its four-letter type and where its body lies.</summary>
internal readonly record struct Box(string Type, int BodyStart, int End)
{
    public int BodyLength => End - BodyStart;

    /// <summary>The boxes directly inside <paramref name="data"/>[start..end); stops at the first malformed one.</summary>
    public static IEnumerable<Box> Within(byte[] data, int start, int end)
    {
        var offset = start;
        while (offset + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
            var header = 8;
            if (size == 1 && offset + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(offset + 8));
                header = 16;
            }
            else if (size == 0)
                size = end - offset;
            if (size < header || offset + size > end)
                yield break;
            yield return new Box(Encoding.ASCII.GetString(data, offset + 4, 4), offset + header, (int)(offset + size));
            offset += (int)size;
        }
    }

    public IEnumerable<Box> Children(byte[] data, int skip = 0) => Within(data, BodyStart + skip, End);

    public Box? Child(byte[] data, string type, int skip = 0) =>
        Children(data, skip).Select(box => (Box?)box).FirstOrDefault(box => box!.Value.Type == type);

    /// <summary>The box at the end of a path of types, each inside the previous one.</summary>
    public Box? Descend(byte[] data, params string[] path)
    {
        Box? current = this;
        foreach (var type in path)
            current = current?.Child(data, type);
        return current;
    }
}
