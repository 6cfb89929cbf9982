using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Animator;
using Serverless.RenderWorker.Media;

namespace Serverless.RenderWorker.Verbs;

/// <summary><c>render-worker render</c>: one local render through the same engine, for validating a GPU host.</summary>
public static class RenderVerb
{
    private static readonly Dictionary<string, RendererChoice> s_renderers = new()
    {
        ["auto"] = RendererChoice.Auto,
        ["sadtalker"] = RendererChoice.SadTalker,
        ["animator"] = RendererChoice.Animator,
        ["ffmpeg"] = RendererChoice.Ffmpeg,
    };

    public static Command Create()
    {
        var image = new Option<string>("--image") { Description = "Portrait: a local path or an http(s) URL.", Required = true };
        var audio = new Option<string>("--audio") { Description = "Speech track: a local path or an http(s) URL.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The MP4 to write.", Required = true };
        var poster = new Option<FileInfo?>("--poster") { Description = "The JPEG poster to write (default: next to --out)." };
        var renderer = new Option<string>("--renderer") { Description = "Which renderer to use.", DefaultValueFactory = _ => "auto" };
        renderer.AcceptOnlyFromAmong([.. s_renderers.Keys]);

        var command = new Command("render", "Render one video locally and print a one-line JSON summary.")
        {
            image,
            audio,
            output,
            poster,
            renderer,
        };
        command.SetAction(
            (parse, _) =>
                RunAsync(
                    parse.GetRequiredValue(image),
                    parse.GetRequiredValue(audio),
                    parse.GetRequiredValue(output).FullName,
                    parse.GetValue(poster)?.FullName,
                    s_renderers[parse.GetRequiredValue(renderer)]
                )
        );
        return command;
    }

    private static async Task<int> RunAsync(string image, string audio, string output, string? poster, RendererChoice choice)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => cancel.Cancel());

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace); // stdout carries only the summary
        builder.Services.AddRenderEngine();
        builder.Services.AddMediaTransfer();
        using var host = builder.Build();

        poster ??= Path.ChangeExtension(output, ".jpg");
        var scratch = Directory.CreateTempSubdirectory("render-").FullName;
        var total = Stopwatch.StartNew();
        long downloadMs = 0;
        try
        {
            var limits = host.Services.GetRequiredService<IOptions<TransferOptions>>().Value;
            var downloader = host.Services.GetRequiredService<MediaDownloader>();
            var imagePath = await LocalAsync(downloader, image, scratch, "image", ".png", limits.MaxImageBytes, cancel.Token);
            var audioPath = await LocalAsync(downloader, audio, scratch, "audio", ".wav", limits.MaxAudioBytes, cancel.Token);
            downloadMs = total.ElapsedMilliseconds;
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(poster)!);

            var outcome = await host
                .Services.GetRequiredService<IVideoRenderer>()
                .RenderAsync(
                    new RenderInput
                    {
                        ImagePath = imagePath,
                        AudioPath = audioPath,
                        VideoPath = output,
                        PosterPath = poster,
                        Renderer = choice,
                        ScratchDir = scratch,
                        // The same portrait renders alike every time.
                        Seed = JobSeed.Of(Path.GetFileName(image)),
                    },
                    cancel.Token
                );
            Print(
                new RenderSummary
                {
                    Status = RenderStatus.Succeeded,
                    Renderer = outcome.Renderer,
                    DurationSec = outcome.DurationSec,
                    Timings = new RenderTimings
                    {
                        DownloadMs = downloadMs,
                        PrepareMs = outcome.PrepareMs,
                        RenderMs = outcome.RenderMs,
                        TotalMs = total.ElapsedMilliseconds,
                    },
                    Out = output,
                    Poster = poster,
                    FallbackReason = outcome.FallbackReason,
                }
            );
            return 0;
        }
        catch (RenderFailedException ex)
        {
            Print(
                new RenderSummary
                {
                    Status = RenderStatus.Failed,
                    Timings = new RenderTimings { DownloadMs = downloadMs, TotalMs = total.ElapsedMilliseconds },
                    Out = output,
                    Poster = poster,
                    Error = ex.Error,
                }
            );
            return 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<string> LocalAsync(
        MediaDownloader downloader,
        string pathOrUrl,
        string scratch,
        string stem,
        string defaultExtension,
        long maxBytes,
        CancellationToken ct
    )
    {
        if (HttpUrl.TryParse(pathOrUrl, out var url))
        {
            var path = Path.Combine(scratch, LocalFileName.For(url, stem, defaultExtension));
            await downloader.DownloadAsync(url, path, maxBytes, ct);
            return path;
        }
        if (!File.Exists(pathOrUrl))
            throw new RenderFailedException(new RenderError { Code = RenderErrorCode.BadInput, Message = $"No such file: {pathOrUrl}" });
        return Path.GetFullPath(pathOrUrl);
    }

    private static void Print(RenderSummary summary) => Console.Out.WriteLine(RenderQueueJson.Serialize(summary));
}
