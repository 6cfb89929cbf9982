namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// The folder one SadTalker run works in. SadTalker writes scratch <c>&lt;uuid&gt;.mp4</c> files into its current
/// folder and finds its weights relative to it (<c>./checkpoints</c>, <c>gfpgan/weights</c>), so each job gets a
/// writable folder of its own in which those two folders of SadTalker's root are linked; the root itself can stay
/// read-only.
/// </summary>
public static class SadTalkerWorkingFolder
{
    private static readonly string[] s_linked = ["checkpoints", "gfpgan"];

    /// <summary>Creates <paramref name="path"/> with links to the weight folders of <paramref name="sadTalkerRoot"/> that exist.</summary>
    public static string Create(string path, string sadTalkerRoot)
    {
        var folder = Directory.CreateDirectory(path).FullName;
        foreach (var name in s_linked)
        {
            var target = Path.Combine(Path.GetFullPath(sadTalkerRoot), name);
            var link = Path.Combine(folder, name);
            if (Directory.Exists(target) && !Path.Exists(link))
                Directory.CreateSymbolicLink(link, target);
        }
        return folder;
    }
}
