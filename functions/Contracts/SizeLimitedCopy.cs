namespace Serverless.Contracts;

/// <summary>
/// Copies a response body into a file or stream while counting, so that a body longer than the limit is cut off
/// whatever its Content-Length said (or when it had none).
/// </summary>
public static class SizeLimitedCopy
{
    private const int BufferSize = 81920;

    /// <returns>
    /// The number of bytes copied, or null as soon as the source has yielded more than <paramref name="maxBytes"/>
    /// (the chunk that crossed the limit is not written; the earlier ones are).
    /// </returns>
    public static async Task<long?> CopyAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
                return null;
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }
}
