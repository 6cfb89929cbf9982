using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Contracts;
using Serverless.Pipeline.Polling;

namespace Serverless.Pipeline.Tests.Polling;

public sealed class RenderResultCheckTests
{
    private const string Good = """
        {"instanceId":"render-0123456789abcdef01234567","jobId":"0123456789abcdef01234567","status":"failed",
         "renderer":"sadtalker","durationSec":2.5,"timings":{"renderMs":5},
         "error":{"code":"no_face","message":"No face."},"fallbackReason":{"code":"crash","message":"It fell over."}}
        """;

    [Fact]
    public void A_complete_result_passes() => Assert.Null(RenderResultCheck.Problem(RenderQueueJson.Deserialize<RenderResult>(Good)));

    [Theory]
    [InlineData("instanceId", "null", "instanceId")]
    [InlineData("instanceId", "\"\"", "instanceId")]
    [InlineData("jobId", "null", "jobId")]
    [InlineData("status", "7", "status")]
    [InlineData("renderer", "9", "renderer")]
    [InlineData("timings", "null", "timings")]
    [InlineData("error", """{"code":"no_face","message":null}""", "error")]
    [InlineData("error", """{"code":42,"message":"x"}""", "error")]
    [InlineData("fallbackReason", """{"code":"crash","message":null}""", "fallbackReason")]
    [InlineData("durationSec", "-1", "durationSec")]
    public void A_result_the_orchestration_could_not_use_is_named_with_its_problem(string property, string value, string named)
    {
        var json = JsonNode.Parse(Good)!;
        json[property] = JsonNode.Parse(value);

        var problem = RenderResultCheck.Problem(RenderQueueJson.Deserialize<RenderResult>(json.ToJsonString()));

        Assert.NotNull(problem);
        Assert.Contains(named, problem);
    }

    [Theory]
    [InlineData("""{"instanceId":"i","jobId":"j","timings":{}}""")]
    [InlineData("""{"instanceId":"i","jobId":"j","status":null}""")]
    [InlineData("""{"instanceId":"i","jobId":"j","status":"exploded"}""")]
    public void A_result_without_a_usable_status_is_not_even_parsed(string json) =>
        Assert.ThrowsAny<JsonException>(() => RenderQueueJson.Deserialize<RenderResult>(json));
}
