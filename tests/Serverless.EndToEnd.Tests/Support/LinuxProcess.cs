namespace Serverless.EndToEnd.Tests.Support;

internal static class LinuxProcess
{
    /// <summary>Whether <paramref name="pid"/> runs (a zombie waiting to be reaped does not count).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
