using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Benchmarks.Report;

/// <summary>Writes one section of docs/benchmarks.md, leaving the other sections as they are.</summary>
internal static class BenchmarkReport
{
    public const string FallbackHeading = "## Fallback render speed";

    /// <summary>A hand-written section that the pipeline verb keeps when it rewrites the file.</summary>
    public const string FindingsHeading = "## What the benchmark found";

    /// <summary>The <c>chunked</c> verb's section (issue #14), kept when the pipeline verb rewrites the file.</summary>
    public const string ChunkedHeading = "## Chunked rendering: long speech on K GPUs";

    /// <summary>The <c>animator</c> verb's section (issue #19), kept when the pipeline verb rewrites the file.</summary>
    public const string AnimatorHeading = "## CPU animator: speed, memory and frames";

    /// <summary>The caption timing tests' figures (issue #20), written by hand, kept when the pipeline verb rewrites the file.</summary>
    public const string CaptionsHeading = "## Captions: timing error";

    /// <summary>The 1, 5 and 15 minute load averages, from /proc/loadavg.</summary>
    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static async Task WriteSectionAsync(string path, string heading, string body)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        var start = existing.IndexOf(heading, StringComparison.Ordinal);
        var section = $"{heading}\n\n{body.Trim()}\n";
        string updated;
        if (start < 0)
            updated = existing.TrimEnd() + "\n\n" + section;
        else
        {
            var next = existing.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? "" : existing[next..]);
        }
        await File.WriteAllTextAsync(path, updated);
    }

    /// <summary>The body of one section, or null when the file or the section is missing.</summary>
    public static async Task<string?> ReadSectionAsync(string path, string heading)
    {
        if (!File.Exists(path))
            return null;
        var existing = await File.ReadAllTextAsync(path);
        var start = existing.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
            return null;
        var next = existing.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return existing[(start + heading.Length)..(next < 0 ? existing.Length : next)].Trim();
    }

    public static async Task<string> MachineAsync(CancellationToken cancellationToken)
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':')[1]
            .Trim();
        var ffmpeg = (await Cli.Wrap("ffmpeg").WithArguments("-version").ExecuteBufferedAsync(cancellationToken)).StandardOutput.Split(
            '\n'
        )[0];
        return $"Machine: {Environment.ProcessorCount} cores ({cpu}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {ffmpeg}.";
    }
}
