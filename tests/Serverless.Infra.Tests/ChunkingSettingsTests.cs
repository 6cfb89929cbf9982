using System.Globalization;
using Serverless.Infra.Tests.Snapshot;
using Serverless.Pipeline.Chunking;

namespace Serverless.Infra.Tests;

/// <summary>The chunked-rendering settings reach the function app, with the code's defaults.</summary>
public sealed class ChunkingSettingsTests
{
    [Fact]
    public void RENDER_CHUNK_SECONDS_reaches_the_function_app_with_the_codes_default()
    {
        var settings = BicepSnapshot.FunctionAppSettings();

        Assert.Equal(new ChunkingOptions().ChunkSeconds.ToString(CultureInfo.InvariantCulture), settings["RENDER_CHUNK_SECONDS"]);
    }

    [Fact]
    public void RENDER_MAX_PARALLEL_CHUNKS_reaches_the_function_app_with_the_codes_default()
    {
        var settings = BicepSnapshot.FunctionAppSettings();

        Assert.Equal(
            new ChunkingOptions().MaxParallelChunks.ToString(CultureInfo.InvariantCulture),
            settings["RENDER_MAX_PARALLEL_CHUNKS"]
        );
    }

    [Theory]
    [InlineData("renderChunkSeconds", "RENDER_CHUNK_SECONDS")]
    [InlineData("renderMaxParallelChunks", "RENDER_MAX_PARALLEL_CHUNKS")]
    public void The_setting_is_set_from_its_parameter(string parameter, string setting)
    {
        // The compiled template writes the pipelineSettings object as one ARM expression.
        var pipelineSettings = (string)BicepSnapshot.Compiled["variables"]!["pipelineSettings"]!;

        Assert.Contains($"'{setting}', string(parameters('{parameter}'))", pipelineSettings, StringComparison.Ordinal);
    }
}
