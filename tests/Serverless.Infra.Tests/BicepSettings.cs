using System.Text.RegularExpressions;
using Serverless.TestFixtures;

namespace Serverless.Infra.Tests;

/// <summary>The app settings and job environment that infra/main.bicep provides, read from its source.</summary>
internal static partial class BicepSettings
{
    private static readonly string Main = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));

    /// <summary>
    /// Keys of <c>pipelineSettings</c>, the Key Vault-backed settings of <c>secretDefinitions</c>, and the
    /// identity-based <c>AzureWebJobsStorage__*</c> settings the function app module adds.
    /// </summary>
    public static IReadOnlySet<string> FunctionApp() =>
        Keys(Block("var pipelineSettings"))
            .Concat(SecretSettings())
            .Concat(HostStorageSetting().Matches(FunctionAppModule()).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> RenderJob() => Keys(Block("var renderSettings")).ToHashSet(StringComparer.Ordinal);

    public static string FunctionAppModule() => File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "functions.bicep"));

    private static IEnumerable<string> SecretSettings() =>
        SecretSetting().Matches(Block("var secretDefinitions")).Select(m => m.Groups["key"].Value);

    /// <summary>The text of the first <c>{ … }</c> block after <paramref name="declaration"/>.</summary>
    private static string Block(string declaration)
    {
        var start = Main.IndexOf(declaration, StringComparison.Ordinal);
        Assert.True(start >= 0, $"infra/main.bicep has no '{declaration}'");
        var open = Main.IndexOfAny(['{', '['], start);
        var depth = 0;
        for (var i = open; i < Main.Length; i++)
        {
            depth += Main[i] is '{' or '[' ? 1 : Main[i] is '}' or ']' ? -1 : 0;
            if (depth == 0)
                return Main[open..(i + 1)];
        }
        throw new InvalidOperationException($"Unbalanced block after '{declaration}'.");
    }

    private static IEnumerable<string> Keys(string block) => SettingKey().Matches(block).Select(m => m.Groups["key"].Value);

    [GeneratedRegex(@"^\s*(?<key>[A-Z][A-Za-z0-9_]*)\s*:", RegexOptions.Multiline)]
    private static partial Regex SettingKey();

    [GeneratedRegex(@"AzureWebJobsStorage__[A-Za-z]+")]
    private static partial Regex HostStorageSetting();

    [GeneratedRegex(@"setting:\s*'(?<key>[A-Z][A-Za-z0-9_]*)'")]
    private static partial Regex SecretSetting();
}
