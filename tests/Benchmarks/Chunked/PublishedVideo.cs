using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Chunked;

/// <summary>The job's published MP4, fetched through the dev backend's signed URL and measured with ffprobe.</summary>
internal static class PublishedVideo
{
    public static async Task<ProbedMedia> ProbeAsync(
        DevBackendClient backend,
        string jobId,
        string dir,
        CancellationToken cancellationToken
    )
    {
        var path = Path.Combine(dir, jobId + ".mp4");
        using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) })
        await using (var file = File.Create(path))
        await using (var body = await http.GetStreamAsync(await backend.VideoUrlAsync(jobId), cancellationToken))
            await body.CopyToAsync(file, cancellationToken);
        var probed = await Ffprobe.ProbeAsync(path, cancellationToken);
        File.Delete(path);
        return probed;
    }
}
