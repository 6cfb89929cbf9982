using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline;

public static class PipelineClientsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pipeline's clients: <see cref="IBackendClient"/>, <see cref="ITextToSpeech"/> (chosen by
    /// TTS_PROVIDER), <see cref="IObjectStore"/> with its <c>IAmazonS3</c>, and <see cref="InputDownloader"/>, with
    /// their options bound from the root configuration and validated on start. Needs <c>IConfiguration</c> and
    /// logging in the container (any host provides both).
    /// </summary>
    public static IServiceCollection AddPipelineClients(this IServiceCollection services) =>
        services.AddBackendClient().AddSpeech().AddObjectStore().AddInputDownloads();
}
