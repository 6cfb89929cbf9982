using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Pipeline.Tests.Fakes;

/// <summary>A service provider with <c>AddPipelineClients</c> over the given settings, validated like a host start.</summary>
public static class PipelineServices
{
    /// <summary>Settings every option class requires, pointing nowhere useful; override per test.</summary>
    public static Dictionary<string, string?> BaseSettings() =>
        new()
        {
            ["BACKEND_URL"] = "http://127.0.0.1:1",
            ["WORKER_TOKEN"] = FakeBackend.Token,
            ["S3_BUCKET"] = "talking-head-test",
        };

    public static ServiceProvider Build(IDictionary<string, string?> settings, bool validate = true, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            if (logs is not null)
                logging.AddProvider(logs);
        });
        services.AddPipelineClients();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (validate)
            provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    public static ServiceProvider Build(params (string Key, string? Value)[] overrides) => Build(null, overrides);

    public static ServiceProvider Build(ILoggerProvider? logs, params (string Key, string? Value)[] overrides)
    {
        var settings = BaseSettings();
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return Build(settings, logs: logs);
    }
}
