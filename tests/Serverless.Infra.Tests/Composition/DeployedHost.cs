using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Serverless.Infra.Tests.Composition;

/// <summary>
/// A real host builder whose configuration is exactly a set of deployed settings (no environment variables, no
/// appsettings files), as environment variables would give them: <c>__</c> separates sections.
/// </summary>
internal static class DeployedHost
{
    public static HostApplicationBuilder Builder(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value))
        );
        return builder;
    }

    /// <summary>
    /// Resolves every service registered from our assemblies (<c>Serverless.*</c>), in a scope, and the value of
    /// every options class of ours that something configures or validates, so that a registration that only
    /// fails when first used fails here. Open generics are skipped (nothing of ours registers one).
    /// </summary>
    public static IReadOnlyList<Type> ResolveOurServices(IServiceCollection services, IServiceProvider provider)
    {
        using var scope = provider.CreateScope();
        var resolved = new List<Type>();
        foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            var implementation = descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType;
            if (!IsOurs(descriptor.ServiceType) && !IsOurs(implementation))
                continue;
            if (descriptor.IsKeyedService)
                scope.ServiceProvider.GetRequiredKeyedService(descriptor.ServiceType, descriptor.ServiceKey);
            else
                scope.ServiceProvider.GetRequiredService(descriptor.ServiceType);
            resolved.Add(descriptor.ServiceType);
        }

        var optionTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && !t.IsGenericTypeDefinition)
            .Where(t =>
                t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>) || t.GetGenericTypeDefinition() == typeof(IValidateOptions<>)
            )
            .Select(t => t.GetGenericArguments()[0])
            .Where(IsOurs)
            .Distinct();
        foreach (var optionType in optionTypes)
        {
            var options = typeof(IOptions<>).MakeGenericType(optionType);
            _ = options.GetProperty(nameof(IOptions<object>.Value))!.GetValue(scope.ServiceProvider.GetRequiredService(options));
            resolved.Add(optionType);
        }
        return resolved;
    }

    private static bool IsOurs(Type? type) =>
        type?.Assembly.GetName().Name is { } name && (name.StartsWith("Serverless.", StringComparison.Ordinal) || name == "render-worker");
}
