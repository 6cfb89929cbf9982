namespace Serverless.Pipeline.Speech;

/// <summary>A TTS failure that a later retry may fix (throttling, provider outage, network trouble).</summary>
public sealed class SpeechUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
