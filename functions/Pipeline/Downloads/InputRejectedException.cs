namespace Serverless.Pipeline.Downloads;

/// <summary>An input that retrying cannot fix: 4xx, too big, a refused address, too many redirects.</summary>
public sealed class InputRejectedException(string message, Exception? inner = null) : PermanentFailureException(message, inner);
