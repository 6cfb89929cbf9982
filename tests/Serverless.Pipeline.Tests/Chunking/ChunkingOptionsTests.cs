using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class ChunkingOptionsTests
{
    [Fact]
    public void By_default_speech_is_split_into_15_second_chunks_8_of_a_job_at_a_time()
    {
        var options = Bind([]);

        Assert.Equal((15, 8), (options.ChunkSeconds, options.MaxParallelChunks));
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("20", true)]
    [InlineData("2", false)]
    [InlineData("-1", false)]
    public void RENDER_CHUNK_SECONDS_is_0_to_never_split_or_at_least_a_few_seconds(string value, bool valid)
    {
        var options = Bind(new() { ["RENDER_CHUNK_SECONDS"] = value });

        Assert.Equal(valid, Problems(options).Count == 0);
    }

    [Fact]
    public void RENDER_MAX_PARALLEL_CHUNKS_must_be_at_least_one()
    {
        Assert.Equal(3, Bind(new() { ["RENDER_MAX_PARALLEL_CHUNKS"] = "3" }).MaxParallelChunks);
        Assert.NotEmpty(Problems(Bind(new() { ["RENDER_MAX_PARALLEL_CHUNKS"] = "0" })));
    }

    private static ChunkingOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Get<ChunkingOptions>() ?? new ChunkingOptions();

    private static List<ValidationResult> Problems(ChunkingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
