namespace Serverless.TestFixtures;

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, TimeSpan? interval = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                    return value;
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", last);
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        ValueAsync<object>(async () => await probe() ? true : null, timeout, what, interval);

    public static Task TrueAsync(Func<bool> probe, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(probe()), timeout, what);

    public static Task PortOpenAsync(int port, TimeSpan timeout) =>
        TrueAsync(() => PortProbe.IsOpenAsync(port), timeout, $"127.0.0.1:{port} to accept connections");
}
