using System.Text;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// Reads a provider's response body with a limit on each read's wait (a stalled body fails as unavailable
/// instead of hanging the activity) and, for error bodies, on its size.
/// </summary>
internal sealed class ResponseBodyReader(Stream body, TimeSpan readTimeout)
{
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(readTimeout);
        try
        {
            return await body.ReadAsync(buffer, timeout.Token);
        }
        catch (Exception ex)
            when (ex is OperationCanceledException or IOException
                && timeout.IsCancellationRequested
                && !cancellationToken.IsCancellationRequested
            )
        {
            throw new SpeechUnavailableException(
                $"ElevenLabs sent nothing for {readTimeout.TotalSeconds:0.###} s in the middle of its response.",
                ex
            );
        }
    }

    /// <summary>Fills as much of <paramref name="buffer"/> as the body has; returns the count.</summary>
    public async ValueTask<int> ReadAtMostAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await ReadAsync(buffer, cancellationToken)) > 0)
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
    }

    /// <summary>The first <paramref name="maxBytes"/> of the body as UTF-8 text; the rest is never read.</summary>
    public async Task<string> ReadTextAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var length = await ReadAtMostAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
