using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Serverless.Infra.Tests;

/// <summary>Every setting a component reads: the [ConfigurationKeyName] of its options classes.</summary>
internal static class SettingsCatalog
{
    public static IReadOnlySet<string> ReadBy(params Assembly[] assemblies) =>
        assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
