using CliWrap;

namespace Serverless.RenderEngine.Tests;

/// <summary>
/// A named pipe that counts every time something opens it for reading: opening a FIFO for writing blocks until a
/// reader opens it, so a writer waiting on it sees every open (and then closes, so the reader gets an empty file).
/// </summary>
internal sealed class OpenWatch : IAsyncDisposable
{
    private readonly Task _watching;
    private volatile bool _stopping;
    private int _opens;

    private OpenWatch(string path)
    {
        Path = path;
        _watching = Task.Factory.StartNew(Watch, TaskCreationOptions.LongRunning);
    }

    public string Path { get; }

    public int Opens => Volatile.Read(ref _opens);

    public static async Task<OpenWatch> CreateAsync(string path)
    {
        await Cli.Wrap("mkfifo").WithArguments([path]).ExecuteAsync();
        return new OpenWatch(path);
    }

    private void Watch()
    {
        while (!_stopping)
        {
            using var writer = new FileStream(Path, FileMode.Open, FileAccess.Write);
            if (!_stopping)
                Interlocked.Increment(ref _opens);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        // The writer waits in its open: open the reading end once to let it go.
        await using (new FileStream(Path, FileMode.Open, FileAccess.Read)) { }
        await _watching.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
