using System.Reflection;
using System.Text.Json.Serialization;

namespace Serverless.Contracts;

public static class RenderErrorCodeExtensions
{
    /// <summary>The snake_case name used on the wire and in reports (<c>no_face</c>).</summary>
    public static string ToWireName(this RenderErrorCode code) =>
        typeof(RenderErrorCode)
            .GetField(code.ToString())
            ?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()
            ?.Name ?? code.ToString();
}
