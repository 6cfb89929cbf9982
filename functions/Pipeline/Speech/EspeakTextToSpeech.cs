using System.Diagnostics;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// The offline provider: espeak-ng reads the text on stdin (never from its command line, where a text starting
/// with <c>-</c> could pass for an option) and writes a WAV to stdout, piped straight into the destination.
/// </summary>
public sealed partial class EspeakTextToSpeech(IOptions<EspeakOptions> options, ILogger<EspeakTextToSpeech> logger) : ITimedTextToSpeech
{
    public string Name => SpeechOptions.Espeak;

    public async Task<SpeechAudio> SynthesizeAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var voice = VoiceMap.Parse(settings.VoiceMap).Resolve(voiceId ?? "", EspeakOptions.DefaultVoice);
        var counter = new CountingStream(destination);
        var stderr = new StringBuilder();
        var started = Stopwatch.GetTimestamp();

        CommandResult result;
        try
        {
            result = await Cli.Wrap(settings.Command)
                .WithArguments(["-v", voice, "--stdin", "--stdout"])
                .WithStandardInputPipe(PipeSource.FromString(text, Encoding.UTF8))
                .WithStandardOutputPipe(PipeTarget.ToStream(counter))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PermanentFailureException($"The espeak command '{settings.Command}' cannot be started: {ex.Message}", ex);
        }

        logger.LogInformation(
            "espeak spoke {Characters} chars with voice {Voice}: exit {ExitCode}, {Bytes} bytes, {DurationMs} ms",
            text.Length,
            voice,
            result.ExitCode,
            counter.BytesWritten,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds
        );

        if (result.ExitCode != 0 || counter.BytesWritten == 0)
            throw new SpeechUnavailableException(
                $"espeak failed (exit {result.ExitCode}, {counter.BytesWritten} bytes): {SecretScrubber.Scrub(Tail(stderr))}"
            );
        return new SpeechAudio("audio/wav", "wav", counter.BytesWritten);
    }

    private static string Tail(StringBuilder text) => text.Length > 500 ? text.ToString(text.Length - 500, 500) : text.ToString();
}
