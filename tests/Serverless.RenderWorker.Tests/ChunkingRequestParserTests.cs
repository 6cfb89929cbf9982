using Serverless.Contracts;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker.Tests;

public sealed class ChunkingRequestParserTests
{
    private static readonly Uri s_url = new("http://s3.local/b/work/j/x?X-Amz-Signature=abc");

    private static readonly ChunkPlan s_plan = new()
    {
        SampleRate = 16_000,
        TotalSamples = 320_000,
        Chunks =
        [
            new PlannedChunk
            {
                Index = 0,
                StartSample = 0,
                EndSample = 160_000,
                AudioStartSample = 0,
                AudioEndSample = 161_920,
                EndsInPause = true,
            },
            new PlannedChunk
            {
                Index = 1,
                StartSample = 160_000,
                EndSample = 320_000,
                AudioStartSample = 158_720,
                AudioEndSample = 320_000,
            },
        ],
    };

    private static readonly StitchRequest s_stitch = new()
    {
        JobId = "665f1c2e9b1d8a0012345678",
        InstanceId = "render-665f1c2e9b1d8a0012345678",
        AudioUrl = s_url,
        Plan = s_plan,
        ChunkVideoUrls = [s_url, s_url],
        VideoUploadUrl = s_url,
        Deadline = DateTimeOffset.Parse("2030-01-01T00:00:00Z"),
    };

    [Fact]
    public void A_render_request_written_before_chunking_existed_is_a_normal_render()
    {
        const string json = """
            {"jobId":"j1","instanceId":"i1","imageUrl":"http://h/i.png","audioUrl":"http://h/a.wav",
             "videoUploadUrl":"http://h/v.mp4","options":{"forceSadTalker":true},"deadline":"2030-01-01T00:00:00Z"}
            """;

        var parsed = Assert.IsType<ParsedMessage.Valid>(RenderRequestParser.Parse(json));

        Assert.Null(parsed.Request.Chunking);
        Assert.Null(parsed.Request.Chunk);
        Assert.Null(parsed.Request.Options.Renderer);
    }

    [Fact]
    public void A_stitch_request_is_told_apart_by_its_kind_and_parses_back_to_the_same_plan_and_urls()
    {
        var json = RenderQueueJson.Serialize(s_stitch);

        var parsed = Assert.IsType<ParsedMessage.ValidStitch>(RenderRequestParser.Parse(json));

        Assert.Contains("\"kind\":\"stitch\"", json);
        Assert.Equal(RenderQueueJson.Serialize(s_plan), RenderQueueJson.Serialize(parsed.Request.Plan));
        Assert.Equal(s_stitch.ChunkVideoUrls, parsed.Request.ChunkVideoUrls);
    }

    [Fact]
    public void A_stitch_request_whose_urls_do_not_match_its_plan_is_answerable_with_the_reason()
    {
        var json = RenderQueueJson.Serialize(s_stitch with { ChunkVideoUrls = [s_url] });

        var parsed = Assert.IsType<ParsedMessage.Answerable>(RenderRequestParser.Parse(json));

        Assert.Equal((s_stitch.InstanceId, s_stitch.JobId), (parsed.InstanceId, parsed.JobId));
        Assert.Contains("2 chunks", parsed.Reason);
    }

    [Fact]
    public void A_stitch_request_with_a_plan_that_has_a_gap_is_answerable()
    {
        var broken = s_plan with { Chunks = [s_plan.Chunks[0], s_plan.Chunks[1] with { StartSample = 170_000 }] };

        var parsed = Assert.IsType<ParsedMessage.Answerable>(
            RenderRequestParser.Parse(RenderQueueJson.Serialize(s_stitch with { Plan = broken }))
        );

        Assert.Contains("does not continue", parsed.Reason);
    }

    [Fact]
    public void A_message_of_an_unknown_kind_is_answerable_rather_than_taken_for_a_render()
    {
        var parsed = Assert.IsType<ParsedMessage.Answerable>(
            RenderRequestParser.Parse("""{"kind":"transcode","jobId":"j1","instanceId":"i1"}""")
        );

        Assert.Contains("transcode", parsed.Reason);
    }

    [Fact]
    public void A_chunk_whose_index_is_not_below_its_count_is_answerable()
    {
        var request = new RenderRequest
        {
            JobId = "j1",
            InstanceId = "i1",
            ImageUrl = s_url,
            AudioUrl = s_url,
            VideoUploadUrl = s_url,
            Deadline = DateTimeOffset.Parse("2030-01-01T00:00:00Z"),
            Chunk = new RenderChunk { Index = 3, Count = 3 },
        };

        var parsed = Assert.IsType<ParsedMessage.Answerable>(RenderRequestParser.Parse(RenderQueueJson.Serialize(request)));

        Assert.Contains("index", parsed.Reason);
    }
}
