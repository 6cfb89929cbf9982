using System.Globalization;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Chunked;

/// <summary>The <c>chunked</c> verb's options, and the settings of the stack each run starts.</summary>
internal sealed record ChunkedSettings(
    IReadOnlyList<int> Workers,
    double ChunkSeconds,
    double SpeechSeconds,
    int MaxParallelChunks,
    double LoadSeconds,
    double SecondsPerAudioSecond,
    string? ReportPath
)
{
    /// <summary>
    /// The fake SadTalker's arguments: SadTalker's own default crop (256 px video). Here K workers, K simulated GPUs,
    /// share this machine's few cores, while on Azure each GPU replica has CPUs of its own: the per-chunk CPU work
    /// (the frames' encode, the remux, checks) is kept small so that it does not stand for the GPU. The cost of
    /// that work at the portrait's full size is what the full-size run in docs/benchmarks.md's findings shows.
    /// </summary>
    public const string SadTalkerArgs = "--preprocess crop --still";

    /// <summary>The pipeline polls the backend every second: pickup is not what this benchmark measures.</summary>
    public const string PollSchedule = "* * * * * *";

    /// <summary>Simulated GPU time of one SadTalker run on <paramref name="audioSeconds"/> of speech.</summary>
    public double GpuSeconds(double audioSeconds) => LoadSeconds + SecondsPerAudioSecond * audioSeconds;

    /// <summary>Long enough for the slowest run (every chunk on one worker) several times over.</summary>
    public TimeSpan JobTimeout => TimeSpan.FromSeconds(3 * GpuSeconds(SpeechSeconds) + 30 * LoadSeconds + 600);

    /// <summary>Settings of every program of one run's stack: all defaults but these (and the launcher's wiring).</summary>
    public IReadOnlyDictionary<string, string?> StackEnvironment(double chunkSeconds) =>
        new Dictionary<string, string?>
        {
            // The bench's own stack: nothing from the caller's shell may change it.
            ["ELEVENLABS_API_KEY"] = null,
            ["FORCE_SADTALKER"] = null,
            ["TTS_PROVIDER"] = "espeak",
            ["POLL_SCHEDULE"] = PollSchedule,
            ["MAX_AUDIO_SECONDS"] = "0",
            ["MAX_INPUT_AUDIO_SECONDS"] = Invariant(Math.Max(600, SpeechSeconds * 1.5)),
            ["RENDER_CHUNK_SECONDS"] = Invariant(chunkSeconds),
            ["RENDER_MAX_PARALLEL_CHUNKS"] = Invariant(MaxParallelChunks),
        };

    /// <summary>Each render worker: one slot (one GPU), the fake SadTalker in its simulated-GPU mode.</summary>
    public IReadOnlyDictionary<string, string?> RenderWorkerEnvironment(string workDir)
    {
        var fake = RepoPaths.BuiltProgram("tests/FakeSadTalker", "fake-sadtalker");
        return new Dictionary<string, string?>
        {
            ["SADTALKER_CMD"] = $"dotnet \"{fake}\"",
            ["SADTALKER_ARGS"] = SadTalkerArgs,
            // The fake's folder is a SadTalker root (checkpoints, gfpgan/weights).
            ["SADTALKER_WORKDIR"] = Path.GetDirectoryName(fake),
            ["FAKE_SADTALKER_MODE"] = "ok",
            ["FAKE_SADTALKER_GPU"] = "1",
            ["FAKE_SADTALKER_LOAD_SECONDS"] = Invariant(LoadSeconds),
            ["FAKE_SADTALKER_SECONDS_PER_AUDIO_SECOND"] = Invariant(SecondsPerAudioSecond),
            ["RENDER_CONCURRENCY"] = "1",
            ["WORK_DIR"] = workDir,
        };
    }

    /// <summary>The problems with these options, empty when they can be run.</summary>
    public IEnumerable<string> Problems()
    {
        if (Workers.Count == 0 || Workers.Any(k => k < 1))
            yield return "--workers needs one or more worker counts of at least 1, e.g. 1,2,4,6,8.";
        if (ChunkSeconds < 5)
            yield return "--chunk-seconds must be at least 5 (the pipeline's lower bound for RENDER_CHUNK_SECONDS).";
        if (SpeechSeconds <= ChunkSeconds)
            yield return "--speech-seconds must be longer than --chunk-seconds, or nothing is split.";
        if (MaxParallelChunks < 1)
            yield return "--max-parallel-chunks must be at least 1.";
        if (LoadSeconds < 0 || SecondsPerAudioSecond <= 0)
            yield return "--load-seconds must be at least 0 and --seconds-per-audio-second above 0.";
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
