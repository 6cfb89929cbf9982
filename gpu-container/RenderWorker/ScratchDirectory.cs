using Microsoft.Extensions.Logging;

namespace Serverless.RenderWorker;

/// <summary>A per-request scratch folder under WORK_DIR, deleted on dispose (a failure to delete is only logged).</summary>
internal sealed class ScratchDirectory : IDisposable
{
    private readonly ILogger _logger;

    private ScratchDirectory(string path, ILogger logger) => (Path, _logger) = (path, logger);

    public string Path { get; }

    public static ScratchDirectory Create(string workDir, ILogger logger) =>
        new(Directory.CreateDirectory(System.IO.Path.Combine(workDir, $"job-{Guid.NewGuid():N}")).FullName, logger);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CleanupFailed(_logger, Path, ex.Message);
        }
    }
}
