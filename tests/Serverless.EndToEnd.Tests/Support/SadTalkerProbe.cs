namespace Serverless.EndToEnd.Tests.Support;

/// <summary>
/// The fake SadTalker in its <c>hang</c> mode writes the pid of the child it waits on to FAKE_SADTALKER_PIDFILE:
/// once that file is there, a job is mid-render.
/// </summary>
internal sealed class SadTalkerProbe : IDisposable
{
    public string PidFile { get; } = Path.Combine(Path.GetTempPath(), $"e2e-sadtalker-{Guid.NewGuid():N}.pid");

    /// <summary>The render worker's settings for a SadTalker that hangs until it is killed.</summary>
    public Dictionary<string, string?> HangingWorker(int visibilityTimeoutSeconds) =>
        new()
        {
            ["FAKE_SADTALKER_MODE"] = "hang",
            ["FAKE_SADTALKER_PIDFILE"] = PidFile,
            ["RENDER_VISIBILITY_TIMEOUT_SECONDS"] = visibilityTimeoutSeconds.ToString(),
        };

    /// <summary>Waits until SadTalker is rendering and returns the pid of its child process.</summary>
    public async Task<int> WaitUntilRenderingAsync(TimeSpan timeout)
    {
        var pid = await Eventually.ValueAsync(
            async () => File.Exists(PidFile) && int.TryParse(await File.ReadAllTextAsync(PidFile), out var value) ? (object)value : null,
            timeout,
            "SadTalker to be rendering"
        );
        return (int)pid;
    }

    public void Dispose() => File.Delete(PidFile);
}
