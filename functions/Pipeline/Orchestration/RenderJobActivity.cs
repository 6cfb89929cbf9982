using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Serverless.Pipeline.Orchestration;

/// <summary>One activity of the orchestration: its task name, its class, and how a Durable Task worker runs it.</summary>
public sealed class RenderJobActivity
{
    private RenderJobActivity(Type type, Func<IServiceProvider, ITaskActivity> create)
    {
        Type = type;
        Create = create;
    }

    /// <summary>The task name: the class name, as the orchestrator calls it (<c>nameof</c>).</summary>
    public string Name => Type.Name;

    /// <summary>The class, resolved from the services for each run.</summary>
    public Type Type { get; }

    /// <summary>The Durable Task worker's factory: resolves the class and runs it with the host's shutdown token.</summary>
    public Func<IServiceProvider, ITaskActivity> Create { get; }

    public static RenderJobActivity Of<TActivity, TInput, TOutput>(Func<TActivity, TInput, CancellationToken, Task<TOutput>> run)
        where TActivity : notnull =>
        new(
            typeof(TActivity),
            services => new ServiceActivity<TInput, TOutput>(input =>
                run(services.GetRequiredService<TActivity>(), input, Stopping(services))
            )
        );

    public static RenderJobActivity Of<TActivity, TInput>(Func<TActivity, TInput, CancellationToken, Task> run)
        where TActivity : notnull =>
        Of<TActivity, TInput, object?>(
            async (activity, input, ct) =>
            {
                await run(activity, input, ct);
                return null;
            }
        );

    /// <summary>The host's shutdown, as Azure Functions hands it to an activity (the engine's context carries no token).</summary>
    private static CancellationToken Stopping(IServiceProvider services) =>
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    private sealed class ServiceActivity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
