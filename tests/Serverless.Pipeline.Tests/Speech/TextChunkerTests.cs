using Serverless.Pipeline.Speech;

namespace Serverless.Pipeline.Tests.Speech;

public sealed class TextChunkerTests
{
    [Fact]
    public void A_short_text_is_one_chunk() => Assert.Equal(["Hello there."], TextChunker.Split("  Hello there. ", 100));

    [Fact]
    public void A_long_text_is_split_at_sentence_boundaries()
    {
        var chunks = TextChunker.Split("One two three. Four five six! Seven eight nine? Ten.", 30);

        Assert.Equal(["One two three. Four five six!", "Seven eight nine? Ten."], chunks);
    }

    [Fact]
    public void A_sentence_longer_than_the_limit_is_split_at_word_boundaries()
    {
        var chunks = TextChunker.Split("Short. " + string.Join(' ', Enumerable.Repeat("word", 10)) + ".", 20);

        Assert.All(chunks, c => Assert.True(c.Length <= 20, c));
        Assert.Equal(["Short.", "word word word word", "word word word word", "word word."], chunks);
    }

    [Fact]
    public void A_word_longer_than_the_limit_is_cut()
    {
        var chunks = TextChunker.Split(new string('x', 25), 10);

        Assert.Equal([10, 10, 5], chunks.Select(c => c.Length));
    }

    [Theory]
    [InlineData("eleven_multilingual_v2", 10_000)]
    [InlineData("eleven_flash_v2_5", 40_000)]
    [InlineData("eleven_turbo_v2_5", 40_000)]
    [InlineData("eleven_v3", 3_000)]
    [InlineData("some_future_model", 10_000)]
    public void Each_model_has_its_character_limit(string model, int limit) => Assert.Equal(limit, ElevenLabsModels.CharacterLimit(model));

    [Theory]
    [InlineData("""{"detail":{"status":"quota_exceeded","message":"Over quota."}}""", "quota_exceeded: Over quota.")]
    [InlineData("""{"detail":{"code":"voice_not_found","message":"No voice."}}""", "voice_not_found: No voice.")]
    [InlineData("""{"detail":"Plain words"}""", "Plain words")]
    [InlineData(
        """{"detail":[{"loc":["body","text"],"msg":"Field required","type":"missing"}]}""",
        "validation_error: body.text: Field required"
    )]
    [InlineData("Bad gateway", "Bad gateway")]
    public void ElevenLabs_error_bodies_are_read_in_all_their_shapes(string body, string expected) =>
        Assert.Equal(expected, ElevenLabsError.Parse(body).ToString());
}
