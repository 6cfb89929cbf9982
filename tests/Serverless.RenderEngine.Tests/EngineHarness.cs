using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.RenderEngine.Animator.Face;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Tests.Animator;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests;

/// <summary>The real engine with test settings, a scratch folder, and media made with real ffmpeg.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="services">Replaces engine services (a test double of the face finder), after the engine's own.</param>
    public EngineHarness(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Dir = Directory.CreateTempSubdirectory("engine-test-").FullName;
        var values = new Dictionary<string, string?> { ["SADTALKER_CMD"] = "definitely-not-installed-sadtalker" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddRenderEngine();
        // No portrait has a face unless a test says so: the still image stays what an engine without SadTalker renders here.
        collection.AddSingleton<IFaceFinder>(new FixedFaceFinder(null));
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider(validateScopes: true);
    }

    public string Dir { get; }

    public IVideoRenderer Renderer => _services.GetRequiredService<IVideoRenderer>();

    public IServiceProvider Services => _services;

    public MediaProbe Probe => _services.GetRequiredService<MediaProbe>();

    /// <summary>The fake built in the same configuration as this test assembly.</summary>
    public static string FakeSadTalkerDll => RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker");

    public static string FakeSadTalkerProgram => Path.ChangeExtension(FakeSadTalkerDll, null);

    /// <summary>The fake's folder: a SadTalker root with <c>inference.py</c>, <c>src/config</c>, <c>checkpoints</c> and <c>gfpgan/weights</c>.</summary>
    public static string FakeSadTalkerRoot => Path.GetDirectoryName(FakeSadTalkerDll)!;

    /// <summary>A copy of the fake's root without some of its files (relative paths; <c>folder/*</c>: all of them), to break an installation.</summary>
    public string BrokenSadTalkerRoot(params string[] without)
    {
        var root = Path.Combine(Dir, "sadtalker-root");
        foreach (var folder in new[] { "checkpoints", "gfpgan/weights" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(FakeSadTalkerRoot, folder)))
                System.IO.File.Copy(file, Path.Combine(root, folder, Path.GetFileName(file)));
        }
        foreach (var path in without)
        {
            var files = path.EndsWith("/*", StringComparison.Ordinal)
                ? Directory.GetFiles(Path.Combine(root, path[..^2]))
                : [Path.Combine(root, path)];
            foreach (var file in files)
                System.IO.File.Delete(file);
        }
        return root;
    }

    public RenderInput Input(string audioPath, string? imagePath = null) =>
        new()
        {
            ImagePath = imagePath ?? RepoPaths.SamplePortrait,
            AudioPath = audioPath,
            VideoPath = Path.Combine(Dir, "out.mp4"),
            PosterPath = Path.Combine(Dir, "poster.jpg"),
        };

    public async Task<string> ToneAsync(double seconds, int sampleRate = 44100, string name = "tone.wav")
    {
        var path = Path.Combine(Dir, name);
        await Ffmpeg(
            $"-v error -y -f lavfi -i sine=frequency=440:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}:sample_rate={sampleRate} {path}"
        );
        return path;
    }

    public async Task<string> ImageAsync(int width, int height, string name)
    {
        var path = Path.Combine(Dir, name);
        await Ffmpeg($"-v error -y -f lavfi -i color=c=gray:s={width}x{height} -frames:v 1 {path}");
        return path;
    }

    /// <summary>The sample portrait converted by ffmpeg into the format its name says.</summary>
    public async Task<string> ConvertPortraitAsync(string name, string? size = null)
    {
        var path = Path.Combine(Dir, name);
        var scale = size is null ? "" : $"-vf scale={size} ";
        await Ffmpeg($"-v error -y -i {RepoPaths.SamplePortrait} {scale}-frames:v 1 {path}");
        return path;
    }

    /// <summary>The sample portrait through an ffmpeg filter (mirrored, scaled, padded, grey, …), written as its name says.</summary>
    public async Task<string> FilteredPortraitAsync(string name, string filter)
    {
        var path = Path.Combine(Dir, name);
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-i", RepoPaths.SamplePortrait, "-vf", filter, "-frames:v", "1", path])
            .ExecuteBufferedAsync();
        return path;
    }

    public string File(string name, byte[] content)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>SSIM of the video's first frame against the portrait scaled to the video's size.</summary>
    public static async Task<double> SsimAgainstPortraitAsync(string videoPath)
    {
        var result = await Cli.Wrap("ffmpeg")
            .WithArguments(
                $"-i {videoPath} -i {RepoPaths.SamplePortrait} -lavfi [1:v][0:v]scale2ref[ref][vid];[vid]format=yuv420p[a];[ref]format=yuv420p[b];[a][b]ssim -frames:v 1 -f null -"
            )
            .ExecuteBufferedAsync();
        var line = result.StandardError.Split('\n').Last(l => l.Contains("SSIM", StringComparison.Ordinal));
        var all = line[(line.IndexOf("All:", StringComparison.Ordinal) + 4)..].Split(' ')[0];
        return double.Parse(all, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task Ffmpeg(string arguments) => Cli.Wrap("ffmpeg").WithArguments(arguments).ExecuteBufferedAsync();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
