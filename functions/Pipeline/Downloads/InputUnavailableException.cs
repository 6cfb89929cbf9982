namespace Serverless.Pipeline.Downloads;

/// <summary>A download failure that a later retry may fix (5xx, timeout, connection trouble). Its message names no query.</summary>
public sealed class InputUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
