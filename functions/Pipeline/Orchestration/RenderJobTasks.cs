using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Registers the orchestrations and activities with a Durable Task worker (the standalone host and the tests).
/// The Azure Functions app binds the same code through its own trigger attributes.
/// </summary>
public static class RenderJobTasks
{
    public static DurableTaskRegistry AddRenderJobTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<RenderJobInput, RenderJobOutcome>(nameof(RenderJob), (context, input) => RenderJob.RunAsync(context, input));
        registry.AddOrchestratorFunc<ReportRejectedJobInput, RenderJobOutcome>(
            nameof(ReportRejectedJob),
            (context, input) => ReportRejectedJob.RunAsync(context, input)
        );

        registry.AddActivity(nameof(StageInputs), Bind<StageInputs, StageInputsInput, StagedInputs>((a, i, ct) => a.RunAsync(i, ct)));
        registry.AddActivity(
            nameof(SynthesizeSpeech),
            Bind<SynthesizeSpeech, SynthesizeSpeechInput, SynthesizedSpeech>((a, i, ct) => a.RunAsync(i, ct))
        );
        registry.AddActivity(nameof(RequestRender), Bind<RequestRender, RequestRenderInput>((a, i, ct) => a.RunAsync(i, ct)));
        registry.AddActivity(nameof(UploadVideo), Bind<UploadVideo, UploadVideoInput, PublishedVideo>((a, i, ct) => a.RunAsync(i, ct)));
        registry.AddActivity(nameof(ReportResult), Bind<ReportResult, ReportResultInput>((a, i, ct) => a.RunAsync(i, ct)));
        registry.AddActivity(nameof(CleanUpStaging), Bind<CleanUpStaging, CleanUpStagingInput>((a, i, ct) => a.RunAsync(i, ct)));
        return registry;
    }

    private static Func<IServiceProvider, ITaskActivity> Bind<TActivity, TInput, TOutput>(
        Func<TActivity, TInput, CancellationToken, Task<TOutput>> run
    )
        where TActivity : notnull =>
        services => new ServiceActivity<TInput, TOutput>(input => run(services.GetRequiredService<TActivity>(), input, Stopping(services)));

    /// <summary>The host's shutdown, as Azure Functions hands it to an activity (the engine's context carries no token).</summary>
    private static CancellationToken Stopping(IServiceProvider services) =>
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    private static Func<IServiceProvider, ITaskActivity> Bind<TActivity, TInput>(Func<TActivity, TInput, CancellationToken, Task> run)
        where TActivity : notnull =>
        Bind<TActivity, TInput, object?>(
            async (activity, input, ct) =>
            {
                await run(activity, input, ct);
                return null;
            }
        );

    private sealed class ServiceActivity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
