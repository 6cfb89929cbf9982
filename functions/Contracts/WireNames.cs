using System.Reflection;
using System.Text.Json.Serialization;

namespace Serverless.Contracts;

public static class WireNames
{
    /// <summary>The name an enum value has on the wire and in reports (<c>no_face</c>, <c>sadtalker</c>).</summary>
    public static string ToWireName<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();
}
