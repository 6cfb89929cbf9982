namespace Serverless.Pipeline.Activities;

/// <summary>A scratch file that is deleted on dispose; media passes through disk, never whole through memory.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".tmp") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public FileStream OpenWrite() => new(Path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException) { }
    }
}
