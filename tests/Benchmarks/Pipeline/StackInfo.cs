namespace Serverless.Benchmarks.Pipeline;

/// <summary>What scripts/up.sh writes to <c>$STACK_DIR/ready</c>: endpoints and the components' pids.</summary>
internal sealed record StackInfo(Uri BackendUrl, string S3Endpoint, string Bucket, int PipelineHostPid, IReadOnlyList<int> RenderWorkerPids)
{
    public static StackInfo Parse(string readyFile)
    {
        var values = File.ReadAllLines(readyFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('"'));
        return new StackInfo(
            new Uri(values["BACKEND_URL"]),
            values["S3_ENDPOINT"],
            values["S3_BUCKET"],
            int.Parse(values["PIPELINE_HOST_PID"], System.Globalization.CultureInfo.InvariantCulture),
            [.. values["RENDER_WORKER_PIDS"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))]
        );
    }
}
