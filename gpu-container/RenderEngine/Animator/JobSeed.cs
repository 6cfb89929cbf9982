using System.Text;

namespace Serverless.RenderEngine.Animator;

/// <summary>The animator's seed of a job: a stable hash (FNV-1a) of its id, the same in every process and run.</summary>
public static class JobSeed
{
    public static int Of(string jobId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(jobId))
            hash = (hash ^ b) * 16777619u;
        return unchecked((int)hash);
    }
}
