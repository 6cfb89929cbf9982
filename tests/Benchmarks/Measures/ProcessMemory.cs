using System.Globalization;

namespace Serverless.Benchmarks.Measures;

/// <summary>Resident memory of a process from /proc (Linux): current (VmRSS) and peak (VmHWM), in KiB.</summary>
internal static class ProcessMemory
{
    public static long? PeakKb(int pid) => Read(pid, "VmHWM:");

    public static long? CurrentKb(int pid) => Read(pid, "VmRSS:");

    /// <summary>Resets the peak to the current resident size (<c>echo 5 &gt; /proc/PID/clear_refs</c>); false if not allowed.</summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's children and their descendants (ffmpeg and ffprobe under a render worker).</summary>
    public static IEnumerable<int> Descendants(int pid)
    {
        foreach (var child in Children(pid))
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
                yield return grandchild;
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }
        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue;
            }
            foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                yield return int.Parse(child, CultureInfo.InvariantCulture);
        }
    }

    private static long? Read(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
