namespace Serverless.TestFixtures;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor holding Serverless.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string SamplePortrait => Path.Combine(Root, "samples", "portrait.png");

    /// <summary>The configuration these test assemblies were built in; the programs they run are built in it too.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>
    /// The built <c>.dll</c> of a program in this repository (<paramref name="projectDir"/> relative to the root),
    /// in <see cref="Configuration"/>; run it with <c>dotnet</c>.
    /// </summary>
    public static string BuiltProgram(string projectDir, string assemblyName)
    {
        var path = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: build the solution in {Configuration} first.");
        return path;
    }

    public static string NodeBin(string tool)
    {
        var path = Path.Combine(Root, "node_modules", ".bin", tool);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{tool} is not installed: run `npm ci` in {Root} (scripts/test.sh does it).");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (Serverless.sln).");
    }
}
